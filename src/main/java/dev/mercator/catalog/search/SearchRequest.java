package dev.mercator.catalog.search;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A search as the API takes it, checked field by field. */
record SearchRequest(
        String keywords,
        Set<Marketplace> providers,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String currency,
        Sort sort,
        int page,
        int size) {

    static final int MAX_KEYWORDS = 200;

    enum Sort {
        RELEVANCE,
        PRICE,
        QUALITY
    }

    /** Parses the query parameters, or throws a 400 problem listing every invalid field. */
    static SearchRequest parse(
            @Nullable String q,
            @Nullable String providers,
            @Nullable String minPrice,
            @Nullable String maxPrice,
            @Nullable String currency,
            @Nullable String sort,
            @Nullable String page,
            @Nullable String size,
            Set<Marketplace> available,
            int maxPageSize) {
        List<Map<String, String>> errors = new ArrayList<>();
        String keywords = q == null ? "" : q.strip();
        if (keywords.isEmpty()) {
            errors.add(error("q", "must not be blank"));
        } else if (keywords.length() > MAX_KEYWORDS) {
            errors.add(error("q", "must be at most " + MAX_KEYWORDS + " characters"));
        }
        Set<Marketplace> chosen = new LinkedHashSet<>();
        if (providers == null || providers.isBlank()) {
            chosen.addAll(available);
        } else {
            for (String id : providers.split(",")) {
                String name = id.strip().toUpperCase(Locale.ROOT);
                if (Arrays.stream(Marketplace.values()).noneMatch(m -> m.name().equals(name))) {
                    errors.add(error("providers", "unknown provider '" + id.strip() + "'"));
                } else if (!available.contains(Marketplace.valueOf(name))) {
                    errors.add(error("providers", "provider '" + id.strip() + "' is not configured"));
                } else {
                    chosen.add(Marketplace.valueOf(name));
                }
            }
        }
        BigDecimal min = amount("minPrice", minPrice, errors);
        BigDecimal max = amount("maxPrice", maxPrice, errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(error("maxPrice", "must not be below minPrice"));
        }
        String code = null;
        if (currency != null && !currency.isBlank()) {
            try {
                code = Currency.getInstance(currency.strip().toUpperCase(Locale.ROOT))
                        .getCurrencyCode();
            } catch (IllegalArgumentException unknown) {
                errors.add(error("currency", "must be an ISO-4217 currency code"));
            }
        }
        Sort order = Sort.RELEVANCE;
        if (sort != null && !sort.isBlank()) {
            try {
                order = Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(error("sort", "must be one of relevance, price, quality"));
            }
        }
        int pageNumber = integer("page", page, 1, 1, 1000, errors);
        int pageSize = integer("size", size, 20, 1, maxPageSize, errors);
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields").with("errors", errors);
        }
        return new SearchRequest(keywords, chosen, min, max, code, order, pageNumber, pageSize);
    }

    private static @Nullable BigDecimal amount(String field, @Nullable String raw, List<Map<String, String>> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.signum() < 0) {
                errors.add(error(field, "must not be negative"));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(error(field, "must be a decimal number"));
            return null;
        }
    }

    private static int integer(
            String field, @Nullable String raw, int fallback, int min, int max, List<Map<String, String>> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                errors.add(error(field, "must be between " + min + " and " + max));
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(error(field, "must be a whole number"));
            return fallback;
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
