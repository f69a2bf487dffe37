package dev.mercator.dealscout.scan;

import dev.mercator.audit.AuditedChange;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A merchant's saved deal scans: only the merchant's own; another merchant's scan is not found. */
@RestController
@RequestMapping(path = "/api/deals/scans", produces = "application/json")
@Tag(name = "Deal Scout")
class ScansController {

    private static final Set<String> FIELDS = Arrays.stream(ScanRequest.class.getRecordComponents())
            .map(component -> component.getName())
            .collect(Collectors.toUnmodifiableSet());

    private final Scans scans;
    private final ScanHealth health;
    private final Observations observations;
    private final Marketplaces marketplaces;
    private final ScanSettings settings;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScansController(
            Scans scans,
            ScanHealth health,
            Observations observations,
            Marketplaces marketplaces,
            ScanSettings settings,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock) {
        this.scans = scans;
        this.health = health;
        this.observations = observations;
        this.marketplaces = marketplaces;
        this.settings = settings;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** A scan as the API shows it, with its health per marketplace. */
    record ScanView(
            UUID id,
            String name,
            String keywords,
            @Nullable String categoryId,
            List<String> conditionIds,
            @Nullable BigDecimal minPrice,
            @Nullable BigDecimal maxPrice,
            String currency,
            List<String> marketplaces,
            String buyingFormat,
            @Nullable Integer auctionEndingWithinHours,
            long intervalMinutes,
            long effectiveIntervalMinutes,
            @Nullable String intervalReason,
            Instant nextRunAt,
            Instant createdAt,
            Instant updatedAt,
            List<ScanHealth.ScanHealthView> health) {}

    @Operation(
            operationId = "createDealScan",
            summary = "Save a scan: keywords, eBay category and condition ids, price range, marketplaces, format",
            description = """
                    Body: `{"keywords": "thinkpad x1", "categoryId": "177", "conditionIds": ["3000"], "minPrice": 100, \
                    "maxPrice": 400, "currency": "USD", "marketplaces": ["ebay"], "buyingFormat": "FIXED_PRICE", \
                    "intervalMinutes": 15}`. `buyingFormat` `AUCTION` needs `auctionEndingWithinHours` and scans eBay \
                    only. `intervalMinutes` defaults to, and may not be below, the configured minimum. Unknown eBay \
                    category or condition ids, prices not positive or above the configured bound, a minimum above the \
                    maximum: 400 with `errors[]`, nothing stored. A merchant at its scan limit gets 409. The first run \
                    comes within a minute.""")
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ScanView create(@RequestBody ScanRequest request) {
        MerchantId merchant = CurrentMerchant.require();
        ScanSpec spec = request.validate(settings, marketplaces::available);
        if (scans.countLocked(merchant) >= settings.maxScansPerMerchant()) {
            throw ApiProblem.conflict("A merchant may keep at most " + settings.maxScansPerMerchant() + " scans")
                    .with("limit", settings.maxScansPerMerchant());
        }
        Scan scan = scans.insert(merchant, spec, clock.instant());
        audit(merchant, scan.id(), "deal_scan.created", null, spec);
        return view(scan);
    }

    @Operation(operationId = "listDealScans", summary = "The merchant's scans, oldest first, with their health")
    @GetMapping
    List<ScanView> list() {
        return scans.list(CurrentMerchant.require()).stream().map(this::view).toList();
    }

    @Operation(
            operationId = "getDealScan",
            summary = "One scan: its search, the interval asked and granted (and why), its next run and its health")
    @GetMapping("/{id}")
    ScanView get(@PathVariable UUID id) {
        return view(find(CurrentMerchant.require(), id));
    }

    @Operation(
            operationId = "getDealScanHealth",
            summary = "A scan's health per marketplace: last run, last good run, failures in a row, last error, blind")
    @GetMapping("/{id}/health")
    List<ScanHealth.ScanHealthView> health(@PathVariable UUID id) {
        return health.of(find(CurrentMerchant.require(), id).id());
    }

    @Operation(
            operationId = "updateDealScan",
            summary = "Change a scan (JSON merge patch: fields given replace, null clears)",
            description = """
                    The scan after the patch is validated as a whole, like a new one. A changed search starts its \
                    vanish tracking afresh; a changed interval restarts its schedule.""")
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Transactional
    ScanView update(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            schema =
                                                    @io.swagger.v3.oas.annotations.media.Schema(
                                                            implementation = ScanRequest.class)))
                    @RequestBody
                    JsonNode patch) {
        MerchantId merchant = CurrentMerchant.require();
        Scan before = find(merchant, id);
        if (!patch.isObject()) {
            throw ScanRequest.invalid(List.of(Map.of("field", "body", "message", "must be a JSON object")));
        }
        List<Map<String, String>> unknown = new ArrayList<>();
        patch.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                ScanRequest.error(unknown, name, "unknown field");
            }
        });
        if (!unknown.isEmpty()) {
            throw ScanRequest.invalid(unknown);
        }
        ObjectNode merged = json.valueToTree(ScanRequest.of(before.spec()));
        merged.setAll((ObjectNode) patch);
        ScanRequest request;
        try {
            request = json.treeToValue(merged, ScanRequest.class);
        } catch (RuntimeException unreadable) {
            throw ScanRequest.invalid(List.of(Map.of("field", "body", "message", "a field has the wrong type")));
        }
        ScanSpec spec = request.validate(settings, marketplaces::available);
        boolean newSchedule = !spec.interval().equals(before.spec().interval());
        scans.update(merchant, id, spec, newSchedule, clock.instant());
        if (spec.searchDiffers(before.spec())
                || !spec.marketplaces().equals(before.spec().marketplaces())) {
            observations.forgetSightings(id);
        }
        audit(merchant, id, "deal_scan.updated", before.spec(), spec);
        return view(find(merchant, id));
    }

    @Operation(
            operationId = "deleteDealScan",
            summary = "Delete a scan: it stops running; the listings it observed stay, as evidence")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable UUID id) {
        MerchantId merchant = CurrentMerchant.require();
        Scan before = find(merchant, id);
        health.forget(merchant, before, clock.instant());
        if (!scans.delete(merchant, id)) {
            throw ApiProblem.notFound("No scan " + id);
        }
        audit(merchant, id, "deal_scan.deleted", before.spec(), null);
    }

    private Scan find(MerchantId merchant, UUID id) {
        return scans.find(merchant, id).orElseThrow(() -> ApiProblem.notFound("No scan " + id));
    }

    private void audit(
            MerchantId merchant, UUID scan, String action, @Nullable ScanSpec before, @Nullable ScanSpec after) {
        events.publishEvent(AuditedChange.of(
                merchant,
                "deal_scan:" + scan,
                action,
                before == null ? null : ScanRequest.of(before),
                after == null ? null : ScanRequest.of(after)));
    }

    private ScanView view(Scan scan) {
        ScanSpec spec = scan.spec();
        return new ScanView(
                scan.id(),
                spec.name(),
                spec.keywords(),
                spec.categoryId(),
                spec.conditionIds(),
                spec.minPrice(),
                spec.maxPrice(),
                spec.currency(),
                spec.marketplaces().stream().map(Marketplace::id).toList(),
                spec.buyingFormat().name(),
                spec.auctionEndingWithinHours(),
                spec.interval().toMinutes(),
                scan.effectiveInterval().toMinutes(),
                scan.intervalReason(),
                scan.nextRunAt(),
                scan.createdAt(),
                scan.updatedAt(),
                health.of(scan.id()));
    }
}
