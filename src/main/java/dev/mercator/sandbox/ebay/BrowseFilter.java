package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.catalog.Listing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Browse API's {@code filter} parameter for the fields Mercator may send ({@code price}, {@code priceCurrency},
 * {@code conditionIds}, {@code buyingOptions}), as eBay's "Buy API Field Filters" page writes them: comma-separated
 * {@code name:value}, ranges {@code [low..high]}, {@code [low]} or {@code [..high]}, sets {@code {A|B}}.
 *
 * <p>eBay does not refuse a filter it cannot use: it answers HTTP 200 with a {@code warnings} entry and searches
 * without that filter (eBay's own widget test data: 12002 for an invalid field value, 12012 for a price without a valid
 * priceCurrency). So does this simulator, unfiltered items included, because that is the trap a client must not fall
 * into. Only a filter that cannot be split into fields at all is refused with a 400.
 */
record BrowseFilter(
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String priceCurrency,
        Set<String> conditionIds,
        Set<String> buyingOptions) {

    /** An entry of eBay's {@code warnings} (or, for a refusal, {@code errors}) list. */
    record Problem(int errorId, String message, Map<String, String> parameters) {}

    /** The filter as applied, what eBay would warn about, or (instead of both) the refusal of the whole filter. */
    record Parsed(
            BrowseFilter filter,
            List<Problem> warnings,
            @Nullable Problem refusal) {}

    static final BrowseFilter NONE = new BrowseFilter(null, null, null, Set.of(), Set.of());

    /** A field's value eBay cannot use: warned about, the field ignored. */
    static final int INVALID_VALUE = 12002;
    /** A price filter without a valid priceCurrency, or the other way round: warned about, price ignored. */
    static final int PRICE_NEEDS_CURRENCY = 12012;

    private static final Set<String> BUYING_OPTIONS = Set.of("FIXED_PRICE", "AUCTION", "BEST_OFFER", "CLASSIFIED_AD");
    private static final Pattern SET = Pattern.compile("\\{([^{}]+)}");
    private static final Pattern AMOUNT = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern CONDITION = Pattern.compile("\\d{4}");
    /** Units of each currency per US dollar, for comparing a listing's price with a bound in another currency. */
    private static final Map<String, BigDecimal> PER_USD = Map.of(
            "USD", BigDecimal.ONE,
            "GBP", new BigDecimal("0.79"),
            "EUR", new BigDecimal("0.92"),
            "CAD", new BigDecimal("1.36"),
            "AUD", new BigDecimal("1.52"),
            "CHF", new BigDecimal("0.88"));

    /** Parses {@code filter}; a null or blank one filters nothing. */
    static Parsed parse(@Nullable String filter) {
        if (filter == null || filter.isBlank()) {
            return new Parsed(NONE, List.of(), null);
        }
        Map<String, String> fields = fields(filter);
        if (fields == null) {
            return new Parsed(
                    NONE,
                    List.of(),
                    new Problem(
                            INVALID_VALUE,
                            "The 'filter' value " + filter + " is invalid. For the valid values, refer to the API call"
                                    + " documentation.",
                            Map.of("filter", filter)));
        }
        List<Problem> warnings = new ArrayList<>();
        BigDecimal[] range = null;
        String currency = null;
        Set<String> conditions = Set.of();
        Set<String> options = Set.of();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String value = field.getValue();
            switch (field.getKey()) {
                case "price" -> range = range(value);
                case "priceCurrency" -> currency = currency(value);
                case "conditionIds" ->
                    conditions = set(value, v -> CONDITION.matcher(v).matches());
                case "buyingOptions" -> options = set(value, BUYING_OPTIONS::contains);
                default -> {
                    // eBay knows more fields than the simulator models; an unmodelled one would go unapplied.
                }
            }
            boolean valid = switch (field.getKey()) {
                case "price" -> range != null;
                case "priceCurrency" -> currency != null;
                case "conditionIds" -> !conditions.isEmpty();
                case "buyingOptions" -> !options.isEmpty();
                default -> false;
            };
            if (!valid) {
                warnings.add(new Problem(
                        INVALID_VALUE,
                        "The " + field.getKey() + " filter value is invalid. For the valid values, refer to the API"
                                + " call documentation.",
                        orderedOf("fieldName", field.getKey(), "filterValue", value)));
            }
        }
        boolean priceAsked = fields.containsKey("price") || fields.containsKey("priceCurrency");
        if (priceAsked && (range == null || currency == null)) {
            warnings.add(new Problem(
                    PRICE_NEEDS_CURRENCY,
                    "A valid 'price' filter and a valid 'priceCurrency' filter is necessary to filter based on price.",
                    Map.of()));
            range = null;
            currency = null;
        }
        BrowseFilter applied = new BrowseFilter(
                range == null ? null : range[0], range == null ? null : range[1], currency, conditions, options);
        return new Parsed(applied, List.copyOf(warnings), null);
    }

    /** The fields by name; null when the text cannot be split into {@code name:value} fields. */
    private static @Nullable Map<String, String> fields(String filter) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(filter.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                return null;
            }
        }
        if (depth != 0) {
            return null;
        }
        parts.add(filter.substring(start));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : parts) {
            int colon = part.indexOf(':');
            if (colon <= 0
                    || fields.put(
                                    part.substring(0, colon).strip(),
                                    part.substring(colon + 1).strip())
                            != null) {
                return null;
            }
        }
        return fields;
    }

    /**
     * {@code [low..high]}, {@code [low]} (at least low) or {@code [..high]}, the forms eBay documents; null for anything
     * else, {@code [10..]} and a low above the high included. An open end is null.
     */
    private static BigDecimal @Nullable [] range(String value) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            return null;
        }
        String inner = value.substring(1, value.length() - 1);
        int dots = inner.indexOf("..");
        String low = (dots < 0 ? inner : inner.substring(0, dots)).strip();
        String high = dots < 0 ? "" : inner.substring(dots + 2).strip();
        if ((dots < 0 ? low.isEmpty() : high.isEmpty())
                || (!low.isEmpty() && !AMOUNT.matcher(low).matches())
                || (!high.isEmpty() && !AMOUNT.matcher(high).matches())) {
            return null;
        }
        BigDecimal min = low.isEmpty() ? null : new BigDecimal(low);
        BigDecimal max = high.isEmpty() ? null : new BigDecimal(high);
        if (min != null && max != null && min.compareTo(max) > 0) {
            return null;
        }
        return new BigDecimal[] {min, max};
    }

    private static @Nullable String currency(String value) {
        try {
            return value.equals(value.toUpperCase(Locale.ROOT))
                    ? Currency.getInstance(value).getCurrencyCode()
                    : null;
        } catch (IllegalArgumentException notIso) {
            return null;
        }
    }

    /** {@code {A|B}} with every element valid, else empty. */
    private static Set<String> set(String value, Predicate<String> valid) {
        Matcher set = SET.matcher(value);
        if (!set.matches()) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String one : set.group(1).split("\\|", -1)) {
            if (!valid.test(one.strip())) {
                return Set.of();
            }
            values.add(one.strip());
        }
        return Set.copyOf(values);
    }

    private static Map<String, String> orderedOf(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /**
     * Whether a listing passes. Without any {@code buyingOptions} filter eBay returns only FIXED_PRICE listings, which
     * every sandbox listing is; each is "New" ({@code conditionId} 1000). A price bound in another currency than the
     * listing's is compared after conversion, as eBay does; a listing without a price, or in a currency without a rate
     * here, never passes a price filter.
     */
    boolean accepts(Listing listing) {
        return accepts(listing.price(), listing.currency(), EbaySimulator.CONDITION_ID, EbaySimulator.BUYING_OPTION);
    }

    /**
     * Whether a listing with this price, condition and buying option passes: the living market's listings, which are
     * not all new nor all fixed-price, go through here. Without a {@code buyingOptions} filter only FIXED_PRICE passes,
     * as the fixed catalogue has always been served.
     */
    boolean accepts(@Nullable BigDecimal amount, String listingCurrency, String conditionId, String buyingOption) {
        if (!conditionIds.isEmpty() && !conditionIds.contains(conditionId)) {
            return false;
        }
        if (buyingOptions.isEmpty()
                ? !EbaySimulator.BUYING_OPTION.equals(buyingOption)
                : !buyingOptions.contains(buyingOption)) {
            return false;
        }
        String currency = priceCurrency;
        if (currency == null) {
            return true;
        }
        BigDecimal price = inCurrency(amount, listingCurrency, currency);
        if (price == null) {
            return false;
        }
        return (minPrice == null || price.compareTo(minPrice) >= 0)
                && (maxPrice == null || price.compareTo(maxPrice) <= 0);
    }

    private static @Nullable BigDecimal inCurrency(@Nullable BigDecimal price, String from, String to) {
        BigDecimal fromRate = PER_USD.get(from);
        BigDecimal toRate = PER_USD.get(to);
        if (price == null || fromRate == null || toRate == null) {
            return null;
        }
        return from.equals(to) ? price : price.multiply(toRate).divide(fromRate, 2, RoundingMode.HALF_UP);
    }
}
