package dev.mercator.analytics.fraud;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A fraud rule set as data: the thresholds at which an order goes to review and is blocked, and the rules, each adding
 * its points when it fires. The score is the sum of the points of the rules that fired, capped at 100.
 */
record RuleSet(int reviewAt, int blockAt, List<Rule> rules) {

    /** What a rule looks at. Parameters: {@code key} and {@code window} for the two velocity kinds, else none. */
    enum Kind {
        /** Orders with the same key (this one included) in the window reach {@code threshold}. */
        VELOCITY,
        /** Distinct e-mail addresses behind orders with the same key (card, ip) in the window reach threshold. */
        SHARED_BY_EMAILS,
        /** The customer's first order, of {@code threshold} or more. */
        FIRST_ORDER_HIGH_VALUE,
        /** More than {@code threshold} times the customer's average order, given {@code minOrders} earlier ones. */
        ABOVE_CUSTOMER_USUAL,
        /** More than {@code threshold} times the shop's average order, given {@code minOrders} earlier ones. */
        ABOVE_SHOP_USUAL,
        /** Billing and shipping in different countries, or (with coordinates) {@code threshold} km or more apart. */
        BILLING_SHIPPING_APART,
        /** The IP address's country is not the billing country. */
        IP_COUNTRY_NOT_BILLING,
        /** The e-mail's domain is on the list of disposable domains. */
        DISPOSABLE_EMAIL,
        /** {@code threshold} or more payment attempts for the order. */
        PAYMENT_ATTEMPTS,
        /** The customer returned at least {@code threshold} (0 to 1) of {@code minOrders} or more earlier orders. */
        RETURN_RATE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Key {
        EMAIL,
        CARD,
        IP,
        SHIPPING_ADDRESS;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Map<String, Duration> WINDOWS =
            Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

    record Rule(
            String code,
            Kind kind,
            int points,
            @Nullable Key key,
            @Nullable String window,
            @Nullable BigDecimal threshold,
            @Nullable Integer minOrders) {

        Duration duration() {
            return WINDOWS.getOrDefault(window, Duration.ZERO);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("code", code);
            json.put("kind", kind.wire());
            json.put("points", points);
            if (key != null) {
                json.put("key", key.wire());
            }
            if (window != null) {
                json.put("window", window);
            }
            if (threshold != null) {
                json.put("threshold", threshold.toPlainString());
            }
            if (minOrders != null) {
                json.put("minOrders", minOrders);
            }
            return json;
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reviewAt", reviewAt);
        json.put("blockAt", blockAt);
        json.put("rules", rules.stream().map(Rule::toJson).toList());
        return json;
    }

    /** A field at fault, as a path in the request body. */
    record Error(String field, String message) {}

    /** Reads a rule set, or says every field at fault (nothing is taken half). */
    static RuleSet parse(JsonNode body, List<Error> errors) {
        if (!body.isObject()) {
            errors.add(new Error("$", "must be a JSON object with reviewAt, blockAt and rules"));
            return new RuleSet(0, 0, List.of());
        }
        int reviewAt = score(body, "reviewAt", errors);
        int blockAt = score(body, "blockAt", errors);
        if (reviewAt > blockAt) {
            errors.add(new Error("blockAt", "must be at least reviewAt"));
        }
        JsonNode rules = body.get("rules");
        List<Rule> parsed = new ArrayList<>();
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            errors.add(new Error("rules", "must be a non-empty array of rules"));
        } else if (rules.size() > 100) {
            errors.add(new Error("rules", "at most 100 rules"));
        } else {
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rule(rules.get(i), "rules[" + i + "]", errors);
                if (rule != null && !codes.add(rule.code())) {
                    errors.add(new Error("rules[" + i + "].code", "is used by another rule"));
                }
                if (rule != null) {
                    parsed.add(rule);
                }
            }
        }
        return new RuleSet(reviewAt, blockAt, List.copyOf(parsed));
    }

    private static int score(JsonNode body, String field, List<Error> errors) {
        JsonNode node = body.get(field);
        if (node == null
                || !node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.asInt() < 1
                || node.asInt() > 100) {
            errors.add(new Error(field, "must be an integer from 1 to 100"));
            return 0;
        }
        return node.asInt();
    }

    private static @Nullable Rule rule(JsonNode node, String at, List<Error> errors) {
        if (!node.isObject()) {
            errors.add(new Error(at, "must be an object"));
            return null;
        }
        int before = errors.size();
        Set<String> known = Set.of("code", "kind", "points", "key", "window", "threshold", "minOrders");
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                errors.add(new Error(at + "." + name, "unknown field; a rule has " + known));
            }
        }
        JsonNode codeNode = node.get("code");
        String code = codeNode != null && codeNode.isString() ? codeNode.asString() : "";
        if (!code.matches("[a-z0-9_]{1,60}")) {
            errors.add(new Error(at + ".code", "required: 1 to 60 of a-z, 0-9 and _ (it is the reason code)"));
        }
        Kind kind = null;
        JsonNode kindNode = node.get("kind");
        try {
            if (kindNode != null && kindNode.isString()) {
                kind = Kind.valueOf(kindNode.asString().toUpperCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null) {
            errors.add(new Error(
                    at + ".kind",
                    "required, one of "
                            + java.util.Arrays.stream(Kind.values())
                                    .map(Kind::wire)
                                    .toList()));
        }
        JsonNode pointsNode = node.get("points");
        int points = 0;
        if (pointsNode == null
                || !pointsNode.isIntegralNumber()
                || !pointsNode.canConvertToInt()
                || pointsNode.asInt() < 0
                || pointsNode.asInt() > 100) {
            errors.add(new Error(at + ".points", "required, an integer from 0 to 100"));
        } else {
            points = pointsNode.asInt();
        }
        Key key = null;
        String window = null;
        boolean keyed = kind == Kind.VELOCITY || kind == Kind.SHARED_BY_EMAILS;
        if (keyed) {
            JsonNode keyNode = node.get("key");
            try {
                key = keyNode != null && keyNode.isString()
                        ? Key.valueOf(keyNode.asString().toUpperCase(Locale.ROOT))
                        : null;
            } catch (IllegalArgumentException e) {
                key = null;
            }
            if (key == null || (kind == Kind.SHARED_BY_EMAILS && key == Key.EMAIL)) {
                errors.add(new Error(
                        at + ".key",
                        kind == Kind.VELOCITY
                                ? "required, one of email, card, ip, shipping_address"
                                : "required, one of card, ip, shipping_address"));
            }
            JsonNode windowNode = node.get("window");
            window = windowNode != null && windowNode.isString() ? windowNode.asString() : null;
            if (window == null || !WINDOWS.containsKey(window)) {
                errors.add(new Error(at + ".window", "required, one of 1h, 24h, 7d"));
            }
        } else if (node.has("key") || node.has("window")) {
            errors.add(new Error(at, "key and window belong to velocity and shared_by_emails rules only"));
        }
        BigDecimal threshold = null;
        JsonNode thresholdNode = node.get("threshold");
        if (thresholdNode != null) {
            try {
                threshold =
                        new BigDecimal(thresholdNode.isString() ? thresholdNode.asString() : thresholdNode.toString());
                if (threshold.signum() < 0) {
                    errors.add(new Error(at + ".threshold", "must not be negative"));
                }
            } catch (NumberFormatException e) {
                errors.add(new Error(at + ".threshold", "must be a number or a decimal string"));
            }
        }
        boolean needsThreshold = kind != null
                && kind != Kind.IP_COUNTRY_NOT_BILLING
                && kind != Kind.DISPOSABLE_EMAIL
                && kind != Kind.BILLING_SHIPPING_APART;
        if (kind != null && needsThreshold && thresholdNode == null) {
            errors.add(new Error(at + ".threshold", "required for a " + kind.wire() + " rule"));
        }
        if (kind == Kind.RETURN_RATE && threshold != null && threshold.compareTo(BigDecimal.ONE) > 0) {
            errors.add(new Error(at + ".threshold", "a return rate is from 0 to 1"));
        }
        Integer minOrders = null;
        JsonNode minNode = node.get("minOrders");
        if (minNode != null) {
            if (!minNode.isIntegralNumber() || !minNode.canConvertToInt() || minNode.asInt() < 1) {
                errors.add(new Error(at + ".minOrders", "must be a positive integer"));
            } else {
                minOrders = minNode.asInt();
            }
        }
        if (errors.size() > before || kind == null) {
            return null;
        }
        return new Rule(code, kind, points, key, window, threshold, minOrders);
    }
}
