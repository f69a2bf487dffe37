package dev.mercator.dealscout.watch;

import dev.mercator.catalog.identity.ProductIdentity;
import dev.mercator.dealscout.valuation.PoolKeys;
import dev.mercator.dealscout.valuation.ProductKey;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A watch as a request body names it. Exactly one of {@code scanId} and a product ({@code gtin}; {@code model}, with
 * or without {@code brand}; or {@code keywords}); {@code targetPrice} with {@code currency}, or else "any deal" with
 * {@code minDiscount} (default: the valuation's {@code default-min-discount}).
 */
record WatchRequest(
        @Nullable String name,
        @Nullable String scanId,
        @Nullable String gtin,
        @Nullable String brand,
        @Nullable String model,
        @Nullable String keywords,
        @Nullable BigDecimal targetPrice,
        @Nullable String currency,
        @Nullable Double minDiscount,
        @Nullable Integer dailyCap,
        @Nullable String timeZone,
        @Nullable Boolean active) {

    static final int MAX_NAME = 120;
    static final int MAX_TEXT = 300;
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    static WatchRequest of(WatchSpec spec) {
        return new WatchRequest(
                spec.name(),
                spec.scanId() == null ? null : spec.scanId().toString(),
                spec.gtin(),
                spec.brand(),
                spec.model(),
                spec.keywords(),
                spec.targetPrice(),
                spec.currency(),
                spec.targetPrice() == null ? spec.minDiscount() : null,
                spec.dailyCap(),
                spec.timeZone(),
                spec.active());
    }

    /** The request as a watch, or a 400 problem naming every invalid field. */
    WatchSpec validate(WatchSettings settings, double defaultMinDiscount) {
        List<Map<String, String>> errors = new ArrayList<>();
        String validName = name == null || name.isBlank() ? null : name.strip();
        if (validName != null && validName.length() > MAX_NAME) {
            error(errors, "name", "at most " + MAX_NAME + " characters");
        }
        UUID scan = null;
        if (scanId != null) {
            try {
                scan = UUID.fromString(scanId);
            } catch (IllegalArgumentException notUuid) {
                error(errors, "scanId", "not a scan id");
            }
        }
        boolean product = present(gtin) || present(model) || present(keywords) || present(brand);
        if (scanId != null && product) {
            error(errors, "scanId", "a watch is on a scan or on a product, not both");
        } else if (scanId == null && !product) {
            error(errors, "scanId", "name a scan (scanId) or a product (gtin, model or keywords)");
        }
        ProductKey key = scanId == null && product ? productKey(errors) : null;
        String currencyCode = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        if (targetPrice != null) {
            if (targetPrice.signum() <= 0 || targetPrice.compareTo(MAX_PRICE) > 0) {
                error(errors, "targetPrice", "must be above 0 and at most " + MAX_PRICE.toPlainString());
            } else if (targetPrice.scale() > 2) {
                error(errors, "targetPrice", "at most two decimals");
            }
            if (minDiscount != null) {
                error(errors, "minDiscount", "a watch has a target price or a minimum discount, not both");
            }
            if (currencyCode == null) {
                error(errors, "currency", "a target price needs its currency");
            }
        }
        if (currencyCode != null && !isCurrency(currencyCode)) {
            error(errors, "currency", "not an ISO 4217 currency code");
        }
        if (minDiscount != null && !(minDiscount > 0 && minDiscount < 1)) {
            error(errors, "minDiscount", "must be above 0 and below 1 (0.2 = 20 % below market value)");
        }
        int cap = dailyCap == null ? settings.defaultDailyCap() : dailyCap;
        if (cap < 1 || cap > settings.maxDailyCap()) {
            error(errors, "dailyCap", "must be 1 to " + settings.maxDailyCap());
        }
        String zone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        if (!isZone(zone)) {
            error(errors, "timeZone", "not an IANA time zone (like Europe/Berlin)");
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String label =
                validName != null ? validName : key != null ? shorten(key.toString(), MAX_NAME) : "scan " + scanId;
        return new WatchSpec(
                label,
                scan,
                blankToNull(gtin),
                blankToNull(brand),
                blankToNull(model),
                blankToNull(keywords),
                key == null ? null : key.kind().name().toLowerCase(Locale.ROOT),
                key == null ? null : key.value(),
                targetPrice,
                targetPrice == null ? null : currencyCode,
                targetPrice == null ? (minDiscount == null ? defaultMinDiscount : minDiscount) : null,
                cap,
                zone,
                active == null || active);
    }

    /** The key the valuation would pool the product under (PoolKeys' order: GTIN, brand/model or model code, title). */
    private @Nullable ProductKey productKey(List<Map<String, String>> errors) {
        int named = (present(gtin) ? 1 : 0) + (present(model) ? 1 : 0) + (present(keywords) ? 1 : 0);
        if (named != 1) {
            error(errors, "gtin", "name exactly one of gtin, model (with or without brand) and keywords");
            return null;
        }
        if (present(brand) && !present(model)) {
            error(errors, "brand", "a brand goes with a model");
            return null;
        }
        if (tooLong(errors)) {
            return null;
        }
        if (present(gtin)) {
            var value = ProductIdentity.gtin(gtin);
            if (value.isEmpty()) {
                error(errors, "gtin", "not a valid GTIN (check digit and length)");
                return null;
            }
            return new ProductKey(ProductKey.Kind.GTIN, value.get());
        }
        if (present(model)) {
            String normalisedModel = ProductIdentity.normalise(model);
            String normalisedBrand = ProductIdentity.normalise(brand);
            if (normalisedBrand != null && normalisedModel != null && normalisedModel.length() >= 3) {
                return new ProductKey(ProductKey.Kind.MODEL, normalisedBrand + "/" + normalisedModel);
            }
            Set<String> codes = ProductIdentity.modelCodes(String.valueOf(model));
            if (normalisedBrand == null && codes.size() == 1) {
                return new ProductKey(ProductKey.Kind.MODEL, codes.iterator().next());
            }
            error(
                    errors,
                    "model",
                    "not a model code on its own (like WH-1000XM5): give its brand too, or use keywords");
            return null;
        }
        ProductKey title = PoolKeys.titleKey(String.valueOf(keywords));
        if (title == null) {
            error(errors, "keywords", "no product words left after dropping condition words");
        }
        return title;
    }

    private boolean tooLong(List<Map<String, String>> errors) {
        int before = errors.size();
        if (gtin != null && gtin.length() > 20) {
            error(errors, "gtin", "at most 20 characters");
        }
        if (brand != null && brand.length() > 100) {
            error(errors, "brand", "at most 100 characters");
        }
        if (model != null && model.length() > 100) {
            error(errors, "model", "at most 100 characters");
        }
        if (keywords != null && keywords.length() > MAX_TEXT) {
            error(errors, "keywords", "at most " + MAX_TEXT + " characters");
        }
        return errors.size() > before;
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean isZone(String zone) {
        if (zone.length() > 64) {
            return false;
        }
        try {
            java.time.ZoneId.of(zone);
            return true;
        } catch (java.time.DateTimeException unknown) {
            return false;
        }
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    static void error(List<Map<String, String>> errors, String field, String message) {
        errors.add(Map.of("field", shorten(field, 50), "message", message));
    }

    static ApiProblem invalid(List<Map<String, String>> errors) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields").with("errors", errors);
    }
}
