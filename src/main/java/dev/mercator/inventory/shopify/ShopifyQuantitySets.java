package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.PushRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shopify's {@code inventorySetQuantities} as one call: the GraphQL document with its {@code @idempotent} key, and
 * what Shopify's answer means ({@link SetAnswer}: written with a delta, stale, key taken, refused, failed). The push
 * policy that decides what to set from what lives in {@link ShopifyGateway}; transport and the cost bucket in {@link
 * ShopifyAdminApi}.
 */
class ShopifyQuantitySets {

    /** What Shopify charges a mutation. */
    static final int MUTATION_COST = 10;

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    // A named document reads better than the mutation inlined at its one use.
    @SuppressWarnings("InlineFormatString")
    private static final String SET_MUTATION = """
            mutation MercatorSetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { id changes(quantityNames: ["available"]) { name delta quantityAfterChange } }
                userErrors { code field message }
              }
            }""";

    private final ShopifyAdminApi api;

    ShopifyQuantitySets(ShopifyAdminApi api) {
        this.api = api;
    }

    sealed interface SetAnswer permits Written, Stale, KeyTaken, Refused, Failed {}

    record Written(int delta) implements SetAnswer {}

    record Stale() implements SetAnswer {}

    record KeyTaken() implements SetAnswer {}

    record Refused(String reason) implements SetAnswer {}

    record Failed(ShopifyAdminApi.Failure failure) implements SetAnswer {

        static Failed transientFailure(String reason, boolean endsBatch) {
            return new Failed(ShopifyAdminApi.Failure.transientFailure(reason, endsBatch));
        }
    }

    /** Sets {@code available} from {@code from} to {@code quantity} under {@code key}, and says what Shopify answered. */
    SetAnswer set(
            ChannelAccounts.ShopifyAccount account, String item, String location, int quantity, int from, String key) {
        ObjectNode input = api.json().createObjectNode();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "mercator://push/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        ArrayNode quantities = input.putArray("quantities");
        ObjectNode entry = quantities.addObject();
        entry.put("inventoryItemId", "gid://shopify/InventoryItem/" + item);
        entry.put("locationId", "gid://shopify/Location/" + location);
        entry.put("quantity", quantity);
        entry.put("changeFromQuantity", from);
        ObjectNode variables = api.json().createObjectNode();
        variables.set("input", input);
        ShopifyAdminApi.Answer answer =
                api.call(account, SET_MUTATION.formatted(graphQlString(key)), variables, MUTATION_COST);
        if (answer instanceof ShopifyAdminApi.Failure failure) {
            return new Failed(failure);
        }
        JsonNode payload = ((ShopifyAdminApi.Data) answer).data().path("inventorySetQuantities");
        if (!payload.isObject()) {
            return Failed.transientFailure("Shopify answered without a payload", false);
        }
        JsonNode errors = payload.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> codes = new ArrayList<>();
            errors.forEach(error -> codes.add(error.path("code").asString("")));
            if (codes.contains("CHANGE_FROM_QUANTITY_STALE") || codes.contains("COMPARE_QUANTITY_STALE")) {
                return new Stale();
            }
            if (codes.contains("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
                    || codes.contains("IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED")) {
                return new KeyTaken();
            }
            if (codes.contains("IDEMPOTENCY_CONCURRENT_REQUEST")) {
                return Failed.transientFailure("the same Shopify write is still in progress", false);
            }
            JsonNode first = errors.get(0);
            return new Refused(
                    "Shopify refused the quantity: " + first.path("code").asString("") + " "
                            + first.path("message").asString(""));
        }
        int delta = 0;
        for (JsonNode change : payload.path("inventoryAdjustmentGroup").path("changes")) {
            if ("available".equals(change.path("name").asString(""))) {
                delta += change.path("delta").asInt(0);
            }
        }
        if (!payload.path("inventoryAdjustmentGroup").isObject()) {
            // A set to the quantity already there changes nothing, and Shopify may answer it without an adjustment
            // group (unconfirmed: docs/providers/shopify-admin.md); read as a failure, that push would retry forever.
            return quantity == from
                    ? new Written(0)
                    : Failed.transientFailure("Shopify answered without an adjustment", false);
        }
        return new Written(delta);
    }

    /** The request's key as sent; one that could not be written safely into the document is hashed to a UUID. */
    static String wireKey(String idempotencyKey) {
        return SAFE_KEY.matcher(idempotencyKey).matches()
                ? idempotencyKey
                : UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /** A key for an attempt with other variables than the request's own: stable for the same variables. */
    static String derivedKey(PushRequest request, String item, String location, int from) {
        String seed = "mercator:shopify:" + request.idempotencyKey() + ":" + item + ":" + location + ":" + from + ":"
                + request.quantity();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String graphQlString(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
