package dev.mercator.dealscout.pricing;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.storage.ObjectStore;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seller flow: a merchant's items to price from their photos; another merchant's item is not found. */
@RestController
@RequestMapping(path = "/api/pricing/items", produces = "application/json")
@Tag(name = "Deal Scout")
class PricingController {

    private static final Set<String> PATCHABLE = Set.of("title", "description", "gtin", "conditionId", "categoryId");

    private final PricingIntake intake;
    private final PricingItems items;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;

    PricingController(PricingIntake intake, PricingItems items, ObjectStore store, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.items = items;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** An item as the API shows it. {@code proposal} and {@code answer} are null until there is one. */
    record ItemView(
            UUID id,
            String status,
            @Nullable String reason,
            PricingItem.Inputs inputs,
            String currency,
            List<PhotoView> photos,
            @Nullable JsonNode proposal,
            @Nullable JsonNode answer,
            Instant createdAt,
            Instant updatedAt) {}

    record PhotoView(int n, String mediaType, long size, int width, int height, String url) {}

    /** The fields a PATCH may set, for the OpenAPI description. */
    record ItemPatch(
            @Nullable String title,
            @Nullable String description,
            @Nullable String gtin,
            @Nullable String conditionId,
            @Nullable String categoryId) {}

    @Operation(
            operationId = "createPricingItem",
            summary = "Upload an item to price: 1..N photos (JPEG, PNG, WebP) and what you know about it",
            description = """
                    multipart/form-data: one or more `photos` parts, optional `title`, `description`, `gtin` \
                    (checksum-validated), `conditionId` (an eBay condition id such as 3000) and `categoryId` (the \
                    eBay category id, needed to find comparable listings). The photo type is read from its content, \
                    never its name; EXIF, GPS, XMP, IPTC and comments are stripped (a JPEG keeps its orientation). \
                    Too many photos or an invalid field: 400; a photo or the total over its limit, or a photo \
                    claiming more pixels than allowed: 413; not an image: 415. Refused uploads store nothing. The \
                    item is then processed in the background: `received` → `identifying` → `pricing` → `priced` or \
                    `needs_input`.""")
    @ApiResponse(responseCode = "201", description = "The item, received and queued")
    @ApiResponse(responseCode = "415", description = "A photo is not a JPEG, PNG or WebP image")
    @ApiResponse(responseCode = "503", description = "The photo store is unavailable; nothing was stored")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ItemView> create(
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> photos,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String gtin,
            @RequestParam(required = false) @Nullable String conditionId,
            @RequestParam(required = false) @Nullable String categoryId) {
        MerchantId merchant = CurrentMerchant.require();
        PricingItem item = intake.accept(
                merchant,
                photos == null ? List.of() : photos,
                new PricingIntake.Form(title, description, gtin, conditionId, categoryId));
        return ResponseEntity.created(URI.create("/api/pricing/items/" + item.id()))
                .body(view(find(merchant, item.id())));
    }

    @Operation(
            operationId = "getPricingItem",
            summary = "An item: its status (and why it needs input), inputs, photos, the provider's proposal and the"
                    + " answer")
    @GetMapping("/{id}")
    ItemView get(@PathVariable UUID id) {
        return view(find(CurrentMerchant.require(), id));
    }

    @Operation(operationId = "getPricingItemPhoto", summary = "One of an item's photos, as stored: metadata stripped")
    @ApiResponse(
            responseCode = "200",
            description = "The photo",
            content = {
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))
            })
    @GetMapping(
            path = "/{id}/photos/{n}",
            produces = {"image/jpeg", "image/png", "image/webp", "application/json"})
    ResponseEntity<byte[]> photo(@PathVariable UUID id, @PathVariable int n) {
        PricingItem item = find(CurrentMerchant.require(), id);
        PricingItem.Photo photo = items.photos(item.id()).stream()
                .filter(p -> p.position() == n)
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Item " + id + " has no photo " + n));
        ObjectStore.StoredObject object = store.get(photo.objectKey())
                .orElseThrow(() -> new ApiProblem(ProblemType.UNAVAILABLE, "The photo is missing from the store"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.mediaType()))
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(object.bytes());
    }

    @Operation(
            operationId = "updatePricingItem",
            summary = "Confirm or correct an item (JSON merge patch: fields given replace, null clears); re-queues it",
            description = """
                    Fields: `title`, `description`, `gtin`, `conditionId`, `categoryId`, validated as on upload. \
                    The item goes back to `received` with its answer cleared and is processed again; a run in \
                    progress for the old facts is discarded.""")
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    ItemView update(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = ItemPatch.class)))
                    @RequestBody
                    JsonNode patch) {
        MerchantId merchant = CurrentMerchant.require();
        PricingItem item = find(merchant, id);
        if (!patch.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        patch.propertyNames().forEach(name -> {
            if (!PATCHABLE.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalid(unknown.getFirst(), "unknown field");
        }
        PricingItem.Inputs in = item.inputs();
        PricingItem.Inputs corrected = PricingIntake.validate(new PricingIntake.Form(
                field(patch, "title", in.title()),
                field(patch, "description", in.description()),
                field(patch, "gtin", in.gtin()),
                field(
                        patch,
                        "conditionId",
                        in.conditionId() == null ? null : in.conditionId().toString()),
                field(patch, "categoryId", in.categoryId())));
        if (!items.correct(item, corrected, clock.instant())) {
            throw ApiProblem.conflict("The item changed while it was being corrected; read it and try again");
        }
        return view(find(merchant, id));
    }

    private static @Nullable String field(JsonNode patch, String name, @Nullable String current) {
        if (!patch.has(name)) {
            return current;
        }
        JsonNode value = patch.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw invalid(name, "must be a string");
        }
        return value.asString();
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    private PricingItem find(MerchantId merchant, UUID id) {
        return items.find(merchant, id).orElseThrow(() -> ApiProblem.notFound("No pricing item " + id));
    }

    private ItemView view(PricingItem item) {
        List<PhotoView> photos = items.photos(item.id()).stream()
                .map(p -> new PhotoView(
                        p.position(),
                        p.mediaType(),
                        p.sizeBytes(),
                        p.width(),
                        p.height(),
                        "/api/pricing/items/" + item.id() + "/photos/" + p.position()))
                .toList();
        return new ItemView(
                item.id(),
                item.status().wire(),
                item.reason(),
                item.inputs(),
                item.currency(),
                photos,
                item.proposal() == null ? null : json.readTree(item.proposal()),
                item.answer() == null ? null : json.readTree(item.answer()),
                item.createdAt(),
                item.updatedAt());
    }
}
