package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A scan as the API takes it. Every field is optional in the type so that each missing or bad one is reported in
 * {@code errors[]} at once, with its own message, rather than as an unreadable body.
 *
 * @param conditionIds eBay's numeric condition ids ({@code "1000"} New, {@code "3000"} Used); empty: any condition
 * @param marketplaces {@code ebay} (default), {@code amazon}, {@code aliexpress}
 * @param buyingFormat {@code FIXED_PRICE} (default) or {@code AUCTION} with {@code auctionEndingWithinHours}
 * @param intervalMinutes how often to run; at least the configured minimum, which is also the default
 */
record ScanRequest(
        @Nullable String name,
        @Nullable String keywords,
        @Nullable String categoryId,
        @Nullable List<String> conditionIds,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String currency,
        @Nullable List<String> marketplaces,
        @Nullable String buyingFormat,
        @Nullable Integer auctionEndingWithinHours,
        @Nullable Integer intervalMinutes) {

    static final int MAX_KEYWORDS = 300;
    static final int MAX_NAME = 120;
    static final int MAX_CONDITIONS = 16;

    /** The request as a scan, or a 400 problem listing every invalid field. */
    ScanSpec validate(ScanSettings settings, Predicate<Marketplace> available) {
        List<Map<String, String>> errors = new ArrayList<>();
        String words = text(keywords);
        if (words == null) {
            error(errors, "keywords", "must not be blank");
        } else if (words.length() > MAX_KEYWORDS) {
            error(errors, "keywords", "at most " + MAX_KEYWORDS + " characters");
        }
        String title = text(name);
        if (title != null && title.length() > MAX_NAME) {
            error(errors, "name", "at most " + MAX_NAME + " characters");
        }
        String category = text(categoryId);
        if (category != null && !EbayIds.CATEGORIES.containsKey(category)) {
            error(errors, "categoryId", "unknown eBay category id " + shorten(category));
        }
        Set<String> conditions = new LinkedHashSet<>();
        if (conditionIds != null) {
            for (String id : conditionIds) {
                String condition = text(id);
                if (condition == null || !EbayIds.CONDITIONS.containsKey(condition)) {
                    error(errors, "conditionIds", "unknown eBay condition id " + shorten(String.valueOf(id)));
                } else {
                    conditions.add(condition);
                }
            }
            if (conditionIds.size() > MAX_CONDITIONS) {
                error(errors, "conditionIds", "at most " + MAX_CONDITIONS + " condition ids");
            }
        }
        price(errors, "minPrice", minPrice, settings.maxPrice());
        price(errors, "maxPrice", maxPrice, settings.maxPrice());
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            error(errors, "minPrice", "must not be above maxPrice");
        }
        String money = currency == null ? "USD" : currency.strip();
        if (!money.matches("[A-Z]{3}") || !known(money)) {
            error(errors, "currency", "not an ISO 4217 currency code");
        }
        List<Marketplace> where = new ArrayList<>();
        if (marketplaces == null || marketplaces.isEmpty()) {
            where.add(Marketplace.EBAY);
        } else {
            for (String id : marketplaces) {
                Marketplace marketplace = marketplace(id);
                if (marketplace == null) {
                    error(errors, "marketplaces", "unknown marketplace " + shorten(String.valueOf(id)));
                } else if (!available.test(marketplace)) {
                    error(errors, "marketplaces", "marketplace " + marketplace.id() + " is not available");
                } else if (!where.contains(marketplace)) {
                    where.add(marketplace);
                }
            }
        }
        BuyingFormat format = BuyingFormat.FIXED_PRICE;
        if (buyingFormat != null) {
            try {
                format = BuyingFormat.valueOf(buyingFormat.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                error(errors, "buyingFormat", "FIXED_PRICE or AUCTION");
            }
        }
        if (format == BuyingFormat.AUCTION) {
            if (auctionEndingWithinHours == null
                    || auctionEndingWithinHours < 1
                    || auctionEndingWithinHours > settings.maxAuctionHours()) {
                error(
                        errors,
                        "auctionEndingWithinHours",
                        "required for auctions, between 1 and " + settings.maxAuctionHours());
            }
            if (where.stream().anyMatch(m -> m != Marketplace.EBAY)) {
                error(errors, "marketplaces", "auctions are scanned on ebay only");
            }
        } else if (auctionEndingWithinHours != null) {
            error(errors, "auctionEndingWithinHours", "only for buyingFormat AUCTION");
        }
        Duration interval = intervalMinutes == null ? settings.minimumInterval() : Duration.ofMinutes(intervalMinutes);
        if (interval.compareTo(settings.minimumInterval()) < 0) {
            error(
                    errors,
                    "intervalMinutes",
                    "at least " + settings.minimumInterval().toMinutes() + " minutes");
        } else if (interval.compareTo(settings.maximumInterval()) > 0) {
            error(
                    errors,
                    "intervalMinutes",
                    "at most " + settings.maximumInterval().toMinutes() + " minutes");
        }
        if (!errors.isEmpty() || words == null) {
            throw invalid(errors);
        }
        return new ScanSpec(
                title == null ? words.substring(0, Math.min(words.length(), MAX_NAME)) : title,
                words,
                category,
                List.copyOf(conditions),
                minPrice,
                maxPrice,
                money,
                where,
                format,
                format == BuyingFormat.AUCTION ? auctionEndingWithinHours : null,
                interval);
    }

    /** The request that describes {@code spec}, the base a merge patch is applied to. */
    static ScanRequest of(ScanSpec spec) {
        return new ScanRequest(
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
                Math.toIntExact(spec.interval().toMinutes()));
    }

    static ApiProblem invalid(List<Map<String, String>> errors) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields").with("errors", errors);
    }

    static void error(List<Map<String, String>> errors, String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
    }

    static void price(
            List<Map<String, String>> errors, String field, @Nullable BigDecimal value, BigDecimal upperBound) {
        if (value == null) {
            return;
        }
        if (value.signum() <= 0) {
            error(errors, field, "must be positive");
        } else if (value.compareTo(upperBound) > 0) {
            error(errors, field, "at most " + upperBound.toPlainString());
        } else if (value.stripTrailingZeros().scale() > 2) {
            error(errors, field, "at most two decimal places");
        }
    }

    static @Nullable String text(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.chars().anyMatch(Character::isISOControl) ? stripped.replaceAll("\\p{Cntrl}", " ") : stripped;
    }

    static boolean known(String currency) {
        try {
            Currency.getInstance(currency);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static @Nullable Marketplace marketplace(@Nullable String id) {
        if (id == null) {
            return null;
        }
        for (Marketplace marketplace : Marketplace.values()) {
            if (marketplace.id().equalsIgnoreCase(id.strip())) {
                return marketplace;
            }
        }
        return null;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
