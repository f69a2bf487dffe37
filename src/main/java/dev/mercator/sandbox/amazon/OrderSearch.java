package dev.mercator.sandbox.amazon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * One {@code searchOrders} request read as Orders API v2026-01-01 states it: exactly one of {@code createdAfter} and
 * {@code lastUpdatedAfter}, never mixed with the other family's Before; a Before, given or defaulted, at least {@code
 * settle} before now and not before the After; {@code maxResultsPerPage} 1 to 100; enum parameters only with the
 * model's values; at most 50 {@code marketplaceIds}. A {@code paginationToken} keeps the first page's window, lives 24
 * hours, and is honoured only with the same other parameters as the request that produced it ({@code
 * maxResultsPerPage} and {@code includedData} may change). A parameter the model does not name is refused: a v0 name
 * such as {@code MarketplaceIds} would otherwise be ignored silently, and the client would not learn its filter is off.
 */
record OrderSearch(
        boolean byLastUpdate,
        Instant from,
        Instant to,
        int offset,
        int pageSize,
        Set<String> marketplaceIds,
        Set<String> fulfilledBy,
        Set<String> fulfillmentStatuses,
        Set<String> includedData,
        String fingerprint) {

    static final Set<String> INCLUDED_DATA = Set.of(
            "BUYER",
            "RECIPIENT",
            "PROCEEDS",
            "EXPENSE",
            "PROMOTION",
            "CANCELLATION",
            "FULFILLMENT",
            "PACKAGES",
            "TAX",
            "PAYMENT",
            "FULFILLMENT_ORDERS");
    private static final Set<String> PARAMETERS = Set.of(
            "createdAfter",
            "createdBefore",
            "lastUpdatedAfter",
            "lastUpdatedBefore",
            "fulfillmentStatuses",
            "marketplaceIds",
            "fulfilledBy",
            "maxResultsPerPage",
            "paginationToken",
            "includedData");
    /** What may differ between the pages of one search. */
    private static final Set<String> PER_PAGE = Set.of("maxResultsPerPage", "includedData", "paginationToken");

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    /** A request Amazon answers with 400 {@code InvalidInput}. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param settle how far behind {@code now} the window must end (Amazon: two minutes)
     * @throws Invalid for every request Amazon would refuse
     */
    static OrderSearch of(MultiValueMap<String, String> query, Instant now, Duration settle) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new Invalid("Unknown parameter " + name);
            }
        }
        int pageSize = pageSize(single(query, "maxResultsPerPage"));
        Set<String> marketplaces = list(query, "marketplaceIds");
        if (marketplaces.size() > 50) {
            throw new Invalid("marketplaceIds takes at most 50 values");
        }
        Set<String> fulfilledBy = values(query, "fulfilledBy", SimOrder.FULFILLERS);
        Set<String> statuses = values(query, "fulfillmentStatuses", SimOrder.STATUSES);
        Set<String> included = includedData(query);
        String fingerprint = fingerprint(query);
        String token = single(query, "paginationToken");
        if (token != null) {
            PageToken page = PageToken.parse(token);
            if (!page.fingerprint().equals(fingerprint)) {
                throw new Invalid("paginationToken must be sent with the parameters of the request that returned it");
            }
            if (now.isAfter(page.issued().plus(TOKEN_LIFETIME))) {
                throw new Invalid("paginationToken has expired");
            }
            return new OrderSearch(
                    page.byLastUpdate(),
                    page.from(),
                    page.to(),
                    page.offset(),
                    pageSize,
                    marketplaces,
                    fulfilledBy,
                    statuses,
                    included,
                    fingerprint);
        }
        String createdAfter = single(query, "createdAfter");
        String updatedAfter = single(query, "lastUpdatedAfter");
        String after = updatedAfter != null ? updatedAfter : createdAfter;
        if (after == null || (createdAfter != null && updatedAfter != null)) {
            throw new Invalid("Exactly one of createdAfter and lastUpdatedAfter is required");
        }
        boolean byLastUpdate = updatedAfter != null;
        if (query.containsKey(byLastUpdate ? "createdBefore" : "lastUpdatedBefore")) {
            throw new Invalid("createdAfter/createdBefore and lastUpdatedAfter/lastUpdatedBefore cannot be combined");
        }
        Instant from = instant(after);
        Instant latest = now.minus(settle);
        String beforeName = byLastUpdate ? "lastUpdatedBefore" : "createdBefore";
        String before = single(query, beforeName);
        Instant to = before == null ? latest : instant(before);
        if (to.isAfter(latest)) {
            throw new Invalid(beforeName + " must be at least " + settle.toSeconds() + " seconds before now");
        }
        if (to.isBefore(from)) {
            throw new Invalid(
                    beforeName + " must be equal to or after " + (byLastUpdate ? "lastUpdatedAfter" : "createdAfter"));
        }
        return new OrderSearch(
                byLastUpdate, from, to, 0, pageSize, marketplaces, fulfilledBy, statuses, included, fingerprint);
    }

    /** The {@code includedData} datasets asked for; searchOrders and getOrder take the same values. */
    static Set<String> includedData(MultiValueMap<String, String> query) {
        return values(query, "includedData", INCLUDED_DATA);
    }

    /** Whether the order is in this search (its marketplaces given, or else any of the seller's). */
    boolean matches(SimOrder order) {
        Instant at = byLastUpdate ? order.lastUpdatedTime : order.createdTime;
        return (marketplaceIds.isEmpty() || marketplaceIds.contains(order.marketplaceId))
                && (fulfilledBy.isEmpty() || fulfilledBy.contains(order.fulfilledBy))
                && (fulfillmentStatuses.isEmpty() || fulfillmentStatuses.contains(order.fulfillmentStatus))
                && !at.isBefore(from)
                && !at.isAfter(to);
    }

    Instant orderTime(SimOrder order) {
        return byLastUpdate ? order.lastUpdatedTime : order.createdTime;
    }

    /** The token of the page after this one. */
    String next(Instant now) {
        return new PageToken(byLastUpdate, from, to, offset + pageSize, now, fingerprint).encode();
    }

    private record PageToken(
            boolean byLastUpdate, Instant from, Instant to, int offset, Instant issued, String fingerprint) {

        String encode() {
            String raw = String.join(
                    "|",
                    byLastUpdate ? "U" : "C",
                    from.toString(),
                    to.toString(),
                    Integer.toString(offset),
                    issued.toString(),
                    fingerprint);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static PageToken parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 6) {
                    throw new Invalid("Invalid paginationToken");
                }
                return new PageToken(
                        parts[0].equals("U"),
                        Instant.parse(parts[1]),
                        Instant.parse(parts[2]),
                        Integer.parseInt(parts[3]),
                        Instant.parse(parts[4]),
                        parts[5]);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new Invalid("Invalid paginationToken");
            }
        }
    }

    /** The request's filters, which every page of a search must repeat. */
    private static String fingerprint(MultiValueMap<String, String> query) {
        Map<String, Set<String>> filters = new TreeMap<>();
        query.forEach((name, values) -> {
            if (!PER_PAGE.contains(name)) {
                filters.put(name, new TreeSet<>(split(values)));
            }
        });
        return Integer.toHexString(filters.toString().hashCode());
    }

    private static int pageSize(@Nullable String value) {
        if (value == null) {
            return 100;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as any other value out of range
        }
        throw new Invalid("maxResultsPerPage must be between 1 and 100");
    }

    private static Set<String> values(MultiValueMap<String, String> query, String name, Set<String> allowed) {
        Set<String> values = list(query, name);
        if (!allowed.containsAll(values)) {
            throw new Invalid(name + " takes only " + allowed.stream().sorted().toList());
        }
        return values;
    }

    /** An array parameter: comma-separated (Swagger 2's default {@code csv}), or repeated. */
    private static Set<String> list(MultiValueMap<String, String> query, String name) {
        List<String> raw = query.get(name);
        return raw == null ? Set.of() : Set.copyOf(split(raw));
    }

    private static List<String> split(List<String> raw) {
        return raw.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toList());
    }

    private static @Nullable String single(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Invalid(name + " takes one value");
        }
        return values.getFirst();
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("Dates must be in ISO 8601 format: " + value);
        }
    }
}
