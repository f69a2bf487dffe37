package dev.mercator.dealscout.pricing;

import dev.mercator.catalog.identity.ProductIdentity;
import dev.mercator.dealscout.valuation.ItemCondition;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.storage.ObjectStore;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an item in, all or nothing: every input and every photo is checked before anything is written; then the
 * stripped photos go to the object store and the rows to the database in one transaction. If any put or the
 * transaction fails, the objects already put are deleted again, so a refused or failed upload leaves no rows and no
 * objects.
 */
@Component
class PricingIntake {

    private static final Logger log = LoggerFactory.getLogger(PricingIntake.class);
    private static final Pattern CATEGORY = Pattern.compile("[0-9]{1,12}");

    private final PricingItems items;
    private final ObjectStore store;
    private final PricingSettings settings;
    private final PhotoInspector inspector;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PricingIntake(
            PricingItems items,
            ObjectStore store,
            PricingSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.items = items;
        this.store = store;
        this.settings = settings;
        this.inspector = new PhotoInspector(settings.maxPixels());
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Raw inputs as the form gave them. */
    record Form(
            @Nullable String title,
            @Nullable String description,
            @Nullable String gtin,
            @Nullable String conditionId,
            @Nullable String categoryId) {}

    PricingItem accept(MerchantId merchant, List<MultipartFile> files, Form form) {
        PricingItem.Inputs inputs = validate(form);
        List<PhotoInspector.Inspected> photos = inspect(files);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        PricingItem item = new PricingItem(
                id, merchant, PricingStatus.RECEIVED, inputs, settings.currency(), null, null, null, 0, now, now);
        List<PricingItem.Photo> rows = new ArrayList<>();
        List<String> put = new ArrayList<>();
        try {
            for (int i = 0; i < photos.size(); i++) {
                PhotoInspector.Inspected photo = photos.get(i);
                String key = objectKey(merchant, id, i + 1, photo.mediaType());
                store.put(key, photo.bytes(), photo.mediaType());
                put.add(key);
                rows.add(new PricingItem.Photo(
                        i + 1, key, photo.mediaType(), photo.bytes().length, photo.width(), photo.height()));
            }
            transactions.executeWithoutResult(status -> items.insert(item, rows));
            return item;
        } catch (RuntimeException e) {
            for (String key : put) {
                try {
                    store.delete(key);
                } catch (RuntimeException undo) {
                    // Left behind: an object no row names, invisible to every merchant; logged to be swept.
                    log.warn("Could not delete {} after a failed intake: {}", key, undo.toString());
                }
            }
            if (e instanceof ObjectStore.ObjectStoreException) {
                log.warn("Object store failed during intake of item {}", id, e);
                throw new ApiProblem(ProblemType.UNAVAILABLE, "The photo store is unavailable; nothing was stored");
            }
            throw e;
        }
    }

    static String objectKey(MerchantId merchant, UUID item, int position, String mediaType) {
        String extension = switch (mediaType) {
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            default -> "jpg";
        };
        return "pricing/" + merchant.value() + "/" + item + "/" + position + "." + extension;
    }

    /** Checks the merchant's fields; every error at once, as {@code errors[]}. */
    static PricingItem.Inputs validate(Form form) {
        List<Map<String, String>> errors = new ArrayList<>();
        String title = blankToNull(form.title());
        String description = blankToNull(form.description());
        if (title != null && title.length() > 300) {
            errors.add(error("title", "at most 300 characters"));
        }
        if (description != null && description.length() > 4000) {
            errors.add(error("description", "at most 4000 characters"));
        }
        String gtin = null;
        String rawGtin = blankToNull(form.gtin());
        if (rawGtin != null) {
            gtin = ProductIdentity.gtin(rawGtin).orElse(null);
            if (gtin == null) {
                errors.add(error("gtin", "not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit)"));
            }
        }
        Integer condition = null;
        String rawCondition = blankToNull(form.conditionId());
        if (rawCondition != null) {
            try {
                condition = Integer.parseInt(rawCondition);
                if (ItemCondition.ofId(condition).isEmpty()) {
                    errors.add(error("conditionId", "not an eBay condition id (1000, 1500, … 7000)"));
                }
            } catch (NumberFormatException e) {
                errors.add(error("conditionId", "not an eBay condition id (1000, 1500, … 7000)"));
            }
        }
        String category = blankToNull(form.categoryId());
        if (category != null && !CATEGORY.matcher(category).matches()) {
            errors.add(error("categoryId", "an eBay category id is 1 to 12 digits"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields").with("errors", errors);
        }
        return new PricingItem.Inputs(title, description, gtin, condition, category);
    }

    private List<PhotoInspector.Inspected> inspect(List<MultipartFile> files) {
        List<MultipartFile> present =
                files.stream().filter(file -> !file.isEmpty()).toList();
        if (present.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "At least one photo is required (part 'photos')")
                    .with("errors", List.of(error("photos", "at least one photo")));
        }
        if (present.size() > settings.maxPhotos()) {
            throw new ApiProblem(
                            ProblemType.VALIDATION,
                            "At most " + settings.maxPhotos() + " photos per item; " + present.size() + " were sent")
                    .with("errors", List.of(error("photos", "at most " + settings.maxPhotos() + " photos")))
                    .with("limit", settings.maxPhotos());
        }
        long total = 0;
        for (int i = 0; i < present.size(); i++) {
            long size = present.get(i).getSize();
            if (size > settings.maxPhotoSize().toBytes()) {
                throw new ApiProblem(
                                ProblemType.PAYLOAD_TOO_LARGE,
                                "Photo " + (i + 1) + " is " + size + " bytes, above the limit of "
                                        + settings.maxPhotoSize().toBytes())
                        .with("photo", i + 1)
                        .with("limit", settings.maxPhotoSize().toBytes());
            }
            total += size;
        }
        if (total > settings.maxTotalSize().toBytes()) {
            throw new ApiProblem(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "The photos total " + total + " bytes, above the limit of "
                                    + settings.maxTotalSize().toBytes())
                    .with("limit", settings.maxTotalSize().toBytes());
        }
        List<PhotoInspector.Inspected> inspected = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            try {
                inspected.add(inspector.inspect(present.get(i).getBytes()));
            } catch (PhotoInspector.Rejected rejected) {
                throw new ApiProblem(
                                rejected.tooManyPixels()
                                        ? ProblemType.PAYLOAD_TOO_LARGE
                                        : ProblemType.UNSUPPORTED_MEDIA_TYPE,
                                "Photo " + (i + 1) + " was refused: " + rejected.getMessage())
                        .with("photo", i + 1)
                        .with("accepted", List.of("image/jpeg", "image/png", "image/webp"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return inspected;
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
