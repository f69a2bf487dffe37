package dev.mercator.analytics.fraud;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The facts of an {@code order_placed} (v1 or v2) fraud rules read, normalised: e-mail lower-cased, the shipping
 * address as one key, the amount as lines less discounts plus shipping and tax.
 */
record OrderFacts(
        String orderId,
        Instant occurredAt,
        @Nullable String customerKey,
        @Nullable String email,
        @Nullable String emailDomain,
        @Nullable String card,
        @Nullable String ip,
        @Nullable String ipCountry,
        @Nullable String billingCountry,
        @Nullable String shippingCountry,
        @Nullable String shippingKey,
        @Nullable Double distanceKm,
        String currency,
        BigDecimal amount) {

    static OrderFacts of(Instant occurredAt, JsonNode payload) {
        String email = text(payload, "email");
        email = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        String domain = email == null || email.indexOf('@') < 0 ? null : email.substring(email.lastIndexOf('@') + 1);
        String customerId = text(payload, "customerId");
        JsonNode billing = payload.get("billingAddress");
        JsonNode shipping = payload.get("shippingAddress");
        String shippingKey = null;
        if (shipping != null && shipping.isObject()) {
            shippingKey = (orEmpty(text(shipping, "country")) + "|" + orEmpty(text(shipping, "postalCode")) + "|"
                            + orEmpty(text(shipping, "line1")))
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("\\s+", " ")
                    .strip();
        }
        BigDecimal amount = BigDecimal.ZERO;
        JsonNode lines = payload.get("lines");
        if (lines != null) {
            for (JsonNode line : lines) {
                amount = amount.add(money(line, "unitPrice")
                                .multiply(
                                        BigDecimal.valueOf(line.get("quantity").asInt())))
                        .subtract(money(line, "discount"));
            }
        }
        amount = amount.subtract(money(payload, "discount"))
                .add(money(payload, "shipping"))
                .add(money(payload, "tax"));
        return new OrderFacts(
                orEmpty(text(payload, "orderId")),
                occurredAt,
                customerId != null ? "id:" + customerId : email != null ? "email:" + email : null,
                email,
                domain,
                text(payload, "cardFingerprint"),
                text(payload, "ip"),
                text(payload, "ipCountry"),
                billing == null ? null : text(billing, "country"),
                shipping == null ? null : text(shipping, "country"),
                shippingKey,
                distance(billing, shipping),
                orEmpty(text(payload, "currency")),
                amount);
    }

    /** Great-circle distance in km (haversine) when both addresses have coordinates. */
    static @Nullable Double distance(@Nullable JsonNode a, @Nullable JsonNode b) {
        if (a == null
                || b == null
                || !a.has("latitude")
                || !a.has("longitude")
                || !b.has("latitude")
                || !b.has("longitude")) {
            return null;
        }
        double lat1 = Math.toRadians(a.get("latitude").asDouble());
        double lat2 = Math.toRadians(b.get("latitude").asDouble());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(
                b.get("longitude").asDouble() - a.get("longitude").asDouble());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static BigDecimal money(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? BigDecimal.ZERO : new BigDecimal(text);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
