package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.GraphQl.Field;
import dev.mercator.sandbox.shopify.GraphQl.Operation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The slice of Shopify's Admin GraphQL schema Mercator needs, executed the way Shopify does: the document is parsed and
 * validated against the schema first (unknown fields are refused by name, nothing runs), then its cost is taken from
 * the shop's bucket (a request the bucket cannot pay for is throttled whole), then it runs. Every answer carries
 * {@code extensions.cost}. Only the fields a query selects come back, under their aliases.
 *
 * <p>Served: {@code inventoryItem(id:)} with {@code inventoryLevel(locationId:)} and {@code quantities(names:)}, and
 * {@code inventorySetQuantities(input:) @idempotent(key:)} with its adjustment group, changes and user errors. The key
 * may be a literal (as Shopify's documentation writes it) or a variable.
 */
final class AdminGraphQl {

    /** Above this a single query is refused, whatever the bucket holds. */
    static final int MAX_QUERY_COST = 1000;

    private static final String DOCS = "https://shopify.dev/api/usage/rate-limits";
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,19})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,19})");

    /** Field name to type name, per object type. A type that is a key here is an object type; others are scalars. */
    private static final Map<String, Map<String, String>> SCHEMA = Map.of(
            "QueryRoot", Map.of("inventoryItem", "InventoryItem"),
            "Mutation", Map.of("inventorySetQuantities", "InventorySetQuantitiesPayload"),
            "InventoryItem",
                    Map.of(
                            "id", "ID",
                            "legacyResourceId", "UnsignedInt64",
                            "sku", "String",
                            "tracked", "Boolean",
                            "inventoryLevel", "InventoryLevel"),
            "InventoryLevel",
                    Map.of(
                            "id", "ID",
                            "updatedAt", "DateTime",
                            "item", "InventoryItem",
                            "location", "Location",
                            "quantities", "InventoryQuantity"),
            "InventoryQuantity", Map.of("id", "ID", "name", "String", "quantity", "Int", "updatedAt", "DateTime"),
            "Location", Map.of("id", "ID", "name", "String"),
            "InventorySetQuantitiesPayload",
                    Map.of(
                            "inventoryAdjustmentGroup", "InventoryAdjustmentGroup",
                            "userErrors", "InventorySetQuantitiesUserError"),
            "InventoryAdjustmentGroup",
                    Map.of(
                            "id", "ID",
                            "createdAt", "DateTime",
                            "reason", "String",
                            "referenceDocumentUri", "String",
                            "changes", "InventoryChange"),
            "InventoryChange",
                    Map.of(
                            "name", "String",
                            "delta", "Int",
                            "quantityAfterChange", "Int",
                            "ledgerDocumentUri", "String",
                            "item", "InventoryItem",
                            "location", "Location"),
            "InventorySetQuantitiesUserError",
                    Map.of("field", "String", "message", "String", "code", "InventorySetQuantitiesUserErrorCode"));

    /** Arguments without which a field is invalid. */
    private static final Map<String, List<String>> REQUIRED_ARGUMENTS = Map.of(
            "inventoryItem", List.of("id"),
            "inventoryLevel", List.of("locationId"),
            "quantities", List.of("names"),
            "inventorySetQuantities", List.of("input"));

    /** A field whose value depends on its arguments. */
    @FunctionalInterface
    private interface ArgumentField extends Function<Map<String, @Nullable Object>, @Nullable Object> {}

    /** Refuses a field's arguments; the field becomes null and the message a GraphQL error. */
    private static final class FieldError extends RuntimeException {
        private final String reason;

        FieldError(String reason) {
            super(reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    record Answer(Map<String, @Nullable Object> body, List<Emission> emissions) {}

    private final int mutationCost;
    private final boolean requireIdempotency;

    AdminGraphQl(int mutationCost, boolean requireIdempotency) {
        this.mutationCost = mutationCost;
        this.requireIdempotency = requireIdempotency;
    }

    Answer execute(
            SimulatedShop shop, String query, @Nullable String operationName, Map<String, @Nullable Object> variables) {
        Operation operation;
        try {
            operation = GraphQl.parse(query).select(operationName);
        } catch (GraphQl.SyntaxError syntax) {
            return new Answer(
                    errorsOnly(shop, List.of(error(syntax.reason(), syntax.location(), null, "BAD_REQUEST")), 0),
                    List.of());
        }
        boolean mutation = operation.type().equals("mutation");
        String root = mutation ? "Mutation" : "QueryRoot";
        List<Map<String, @Nullable Object>> problems = new ArrayList<>();
        validate(operation.selections(), root, new ArrayList<>(List.of(operation.type())), problems);
        Map<Field, Prepared> prepared = new LinkedHashMap<>();
        if (problems.isEmpty() && mutation) {
            for (Field field : operation.selections()) {
                if (field.name().equals("inventorySetQuantities")) {
                    prepare(field, operation, variables, problems).ifPresent(p -> prepared.put(field, p));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Answer(errorsOnly(shop, problems, 0), List.of());
        }
        int cost = mutation
                ? mutationCost * mutationCount(operation)
                : Math.max(1, objectFields(operation.selections(), root));
        if (cost > MAX_QUERY_COST) {
            Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "MAX_COST_EXCEEDED");
            extensions.put("cost", cost);
            extensions.put("maxCost", MAX_QUERY_COST);
            extensions.put("documentation", DOCS);
            Map<String, @Nullable Object> tooDear = new LinkedHashMap<>();
            tooDear.put(
                    "message",
                    "Query cost is " + cost + ", which exceeds the single query max cost limit (" + MAX_QUERY_COST
                            + ").");
            tooDear.put("extensions", extensions);
            return new Answer(errorsOnly(shop, List.of(tooDear), cost), List.of());
        }
        if (!shop.take(cost)) {
            Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "THROTTLED");
            extensions.put("documentation", DOCS);
            Map<String, @Nullable Object> throttled = new LinkedHashMap<>();
            throttled.put("message", "Throttled");
            throttled.put("extensions", extensions);
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(throttled));
            body.put("extensions", Map.of("cost", cost(shop, cost, null)));
            return new Answer(body, List.of());
        }
        List<Emission> emissions = new ArrayList<>();
        List<Map<String, @Nullable Object>> errors = new ArrayList<>();
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        for (Field field : operation.selections()) {
            List<Object> path = new ArrayList<>(List.of(field.responseKey()));
            @Nullable Object value;
            if (field.name().equals("__typename")) {
                value = root;
            } else if (field.name().equals("inventoryItem")) {
                value = project(
                        inventoryItem(shop, field, operation, variables, errors),
                        field,
                        operation,
                        variables,
                        path,
                        errors);
            } else {
                Prepared request = prepared.get(field);
                if (request == null) {
                    throw new IllegalStateException("every mutation field was prepared");
                }
                SimulatedShop.SetOutcome outcome = shop.setQuantities(request.input(), request.key());
                emissions.addAll(outcome.emissions());
                value = project(payload(outcome.result(), shop), field, operation, variables, path, errors);
            }
            data.put(field.responseKey(), value);
        }
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("extensions", Map.of("cost", cost(shop, cost, cost)));
        return new Answer(body, emissions);
    }

    // --- Validation --------------------------------------------------------------------------------------------

    private void validate(
            List<Field> selections, String type, List<String> path, List<Map<String, @Nullable Object>> problems) {
        Map<String, String> fields = SCHEMA.getOrDefault(type, Map.of());
        for (Field field : selections) {
            List<String> fieldPath = new ArrayList<>(path);
            fieldPath.add(field.responseKey());
            if (field.name().equals("__typename")) {
                continue;
            }
            String fieldType = fields.get(field.name());
            if (fieldType == null) {
                Map<String, @Nullable Object> problem = error(
                        "Field '" + field.name() + "' doesn't exist on type '" + type + "'",
                        field.location(),
                        fieldPath,
                        "undefinedField");
                extensionsOf(problem).put("typeName", type);
                extensionsOf(problem).put("fieldName", field.name());
                problems.add(problem);
                continue;
            }
            for (String required : REQUIRED_ARGUMENTS.getOrDefault(field.name(), List.of())) {
                if (!field.arguments().containsKey(required)) {
                    problems.add(error(
                            "Field '" + field.name() + "' is missing required arguments: " + required,
                            field.location(),
                            fieldPath,
                            "missingRequiredArguments"));
                }
            }
            for (GraphQl.Directive directive : field.directives()) {
                if (!directive.name().equals("idempotent") || !field.name().equals("inventorySetQuantities")) {
                    problems.add(error(
                            "Directive '@" + directive.name() + "' is not supported on field '" + field.name() + "'",
                            field.location(),
                            fieldPath,
                            "directiveCannotBeApplied"));
                }
            }
            boolean object = SCHEMA.containsKey(fieldType);
            if (object && field.selections().isEmpty()) {
                problems.add(error(
                        "Field must have selections (field '" + field.name() + "' returns " + fieldType
                                + " but has no selections. Did you mean '" + field.name() + " { ... }'?)",
                        field.location(),
                        fieldPath,
                        "selectionMismatch"));
            } else if (!object && !field.selections().isEmpty()) {
                problems.add(error(
                        "Selections can't be made on scalars (field '" + field.name() + "' returns " + fieldType
                                + " but has selections [" + String.join(", ", names(field.selections())) + "])",
                        field.location(),
                        fieldPath,
                        "selectionMismatch"));
            } else if (object) {
                validate(field.selections(), fieldType, fieldPath, problems);
            }
        }
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }

    private static int objectFields(List<Field> selections, String type) {
        int cost = 0;
        Map<String, String> fields = SCHEMA.getOrDefault(type, Map.of());
        for (Field field : selections) {
            String fieldType = fields.get(field.name());
            if (fieldType != null && SCHEMA.containsKey(fieldType)) {
                cost += 1 + objectFields(field.selections(), fieldType);
            }
        }
        return cost;
    }

    private static int mutationCount(Operation operation) {
        return (int) operation.selections().stream()
                .filter(f -> !f.name().equals("__typename"))
                .count();
    }

    // --- inventorySetQuantities ----------------------------------------------------------------------------------

    private record Prepared(
            SimulatedShop.SetQuantities input, @Nullable String key) {}

    /**
     * Coerces the input as Shopify validates variables, before anything runs: 2026-04 requires {@code
     * changeFromQuantity} on every quantity (explicit null opts out of the check) and has removed the legacy compare
     * fields; it also requires {@code @idempotent}.
     */
    private Optional<Prepared> prepare(
            Field field,
            Operation operation,
            Map<String, @Nullable Object> variables,
            List<Map<String, @Nullable Object>> problems) {
        List<String> path = List.of("mutation", field.responseKey());
        int before = problems.size();
        @Nullable Object raw = arguments(field, operation, variables).get("input");
        @Nullable String key = null;
        boolean keyed = false;
        for (GraphQl.Directive directive : field.directives()) {
            if (directive.name().equals("idempotent")) {
                keyed = true;
                GraphQl.Value value = directive.arguments().get("key");
                @Nullable
                Object resolved =
                        value == null ? null : GraphQl.resolve(value, variables, operation.variableDefaults());
                if (!(resolved instanceof String text) || text.isBlank() || text.length() > 255) {
                    problems.add(invalid(
                            field, path, "@idempotent(key:) must be a non-empty string of at most 255 characters"));
                } else {
                    key = text;
                }
            }
        }
        if (!keyed && requireIdempotency) {
            problems.add(invalid(
                    field,
                    path,
                    "The @idempotent directive is required for this mutation (API version 2026-04 and later)"));
        }
        if (!(raw instanceof Map<?, ?> input)) {
            problems.add(invalid(field, path, "InventorySetQuantitiesInput! must be an object"));
            return Optional.empty();
        }
        for (Object name : input.keySet()) {
            if (!List.of("name", "reason", "referenceDocumentUri", "quantities").contains(String.valueOf(name))) {
                problems.add(
                        invalid(field, path, "Field '" + name + "' is not defined on InventorySetQuantitiesInput"));
            }
        }
        String name = string(input.get("name"), "name", field, path, problems);
        String reason = string(input.get("reason"), "reason", field, path, problems);
        @Nullable Object uri = input.get("referenceDocumentUri");
        if (uri != null && !(uri instanceof String)) {
            problems.add(invalid(field, path, "referenceDocumentUri must be a string"));
        }
        @Nullable Object quantities = input.get("quantities");
        List<SimulatedShop.QuantityInput> entries = new ArrayList<>();
        if (!(quantities instanceof List<?> list) || list.isEmpty() || list.size() > 250) {
            problems.add(invalid(field, path, "quantities must be a list of 1 to 250 InventoryQuantityInput"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> entry)) {
                    problems.add(invalid(field, path, "quantities[" + i + "] must be an object"));
                    continue;
                }
                for (Object inputField : entry.keySet()) {
                    if (!List.of("inventoryItemId", "locationId", "quantity", "changeFromQuantity")
                            .contains(String.valueOf(inputField))) {
                        problems.add(invalid(
                                field, path, "Field '" + inputField + "' is not defined on InventoryQuantityInput"));
                    }
                }
                String item = string(
                        entry.get("inventoryItemId"), "quantities[" + i + "].inventoryItemId", field, path, problems);
                String location =
                        string(entry.get("locationId"), "quantities[" + i + "].locationId", field, path, problems);
                @Nullable Long quantity = integer(entry.get("quantity"));
                if (quantity == null) {
                    problems.add(invalid(field, path, "quantities[" + i + "].quantity must be an Int"));
                }
                boolean given = entry.containsKey("changeFromQuantity");
                @Nullable Object from = entry.get("changeFromQuantity");
                if (!given) {
                    problems.add(invalid(
                            field,
                            path,
                            "quantities[" + i + "].changeFromQuantity is required: pass the quantity you expect, or"
                                    + " null to skip the check"));
                } else if (from != null && integer(from) == null) {
                    problems.add(
                            invalid(field, path, "quantities[" + i + "].changeFromQuantity must be an Int or null"));
                }
                entries.add(new SimulatedShop.QuantityInput(
                        item, location, quantity == null ? 0 : quantity, given, from == null ? null : integer(from)));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(
                new Prepared(new SimulatedShop.SetQuantities(name, reason, (String) uri, List.copyOf(entries)), key));
    }

    private static String string(
            @Nullable Object value,
            String name,
            Field field,
            List<String> path,
            List<Map<String, @Nullable Object>> problems) {
        if (value instanceof String text) {
            return text;
        }
        problems.add(invalid(field, path, name + " must be a String"));
        return "";
    }

    private static @Nullable Long integer(@Nullable Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 63) {
            return big.longValue();
        }
        return null;
    }

    private static Map<String, @Nullable Object> invalid(Field field, List<String> path, String message) {
        return error(message, field.location(), path, "INVALID_VARIABLE");
    }

    private static Map<String, @Nullable Object> payload(SimulatedShop.SetResult result, SimulatedShop shop) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "InventorySetQuantitiesPayload");
        Long groupId = result.groupId();
        if (groupId == null) {
            node.put("inventoryAdjustmentGroup", null);
        } else {
            Map<String, @Nullable Object> group = new LinkedHashMap<>();
            group.put("__typename", "InventoryAdjustmentGroup");
            group.put("id", "gid://shopify/InventoryAdjustmentGroup/" + groupId);
            group.put("createdAt", result.at().toString());
            group.put("reason", result.reason());
            group.put("referenceDocumentUri", result.referenceDocumentUri());
            group.put("changes", (ArgumentField) args -> {
                @Nullable List<?> names = list(args.get("quantityNames"), "quantityNames");
                @Nullable List<?> itemIds = list(args.get("inventoryItemIds"), "inventoryItemIds");
                @Nullable List<?> locationIds = list(args.get("locationIds"), "locationIds");
                String location = "gid://shopify/Location/" + shop.locationId();
                return result.changes().stream()
                        .filter(c -> names == null || names.contains(c.name()))
                        .filter(c -> itemIds == null || itemIds.contains("gid://shopify/InventoryItem/" + c.itemId()))
                        .filter(c -> locationIds == null || locationIds.contains(location))
                        .map(c -> change(c, shop))
                        .toList();
            });
            node.put("inventoryAdjustmentGroup", group);
        }
        node.put(
                "userErrors",
                result.userErrors().stream().map(AdminGraphQl::userError).toList());
        return node;
    }

    private static Map<String, @Nullable Object> change(SimulatedShop.Change change, SimulatedShop shop) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "InventoryChange");
        node.put("name", change.name());
        node.put("delta", change.delta());
        node.put("quantityAfterChange", change.quantityAfterChange());
        node.put("ledgerDocumentUri", null);
        node.put("item", itemStub(change.itemId(), change.sku()));
        node.put("location", location(shop.locationId()));
        return node;
    }

    private static Map<String, @Nullable Object> userError(SimulatedShop.UserError error) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "InventorySetQuantitiesUserError");
        node.put("field", error.field());
        node.put("message", error.message());
        node.put("code", error.code());
        return node;
    }

    // --- inventoryItem -----------------------------------------------------------------------------------------

    private static @Nullable Map<String, @Nullable Object> inventoryItem(
            SimulatedShop shop,
            Field field,
            Operation operation,
            Map<String, @Nullable Object> variables,
            List<Map<String, @Nullable Object>> errors) {
        @Nullable Object id = arguments(field, operation, variables).get("id");
        Matcher gid = id instanceof String text ? ITEM_GID.matcher(text) : null;
        if (gid == null || !gid.matches()) {
            errors.add(error(
                    "Invalid global id '" + id + "'",
                    field.location(),
                    List.of(field.responseKey()),
                    "argumentLiteralsIncompatible"));
            return null;
        }
        SimulatedShop.ItemView item = shop.item(Long.parseLong(gid.group(1)));
        if (item == null) {
            return null;
        }
        Map<String, @Nullable Object> node = itemStub(item.id(), item.sku());
        node.put("inventoryLevel", (ArgumentField) args -> {
            @Nullable Object locationId = args.get("locationId");
            Matcher location = locationId instanceof String text ? LOCATION_GID.matcher(text) : null;
            if (location == null || !location.matches()) {
                throw new FieldError("Invalid global id '" + locationId + "'");
            }
            return Long.parseLong(location.group(1)) == shop.locationId() ? level(item, shop) : null;
        });
        return node;
    }

    private static Map<String, @Nullable Object> level(SimulatedShop.ItemView item, SimulatedShop shop) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "InventoryLevel");
        node.put("id", "gid://shopify/InventoryLevel/" + shop.locationId() + "?inventory_item_id=" + item.id());
        node.put("updatedAt", item.updatedAt().toString());
        node.put("item", itemStub(item.id(), item.sku()));
        node.put("location", location(shop.locationId()));
        node.put("quantities", (ArgumentField) args -> {
            @Nullable List<?> names = list(args.get("names"), "names");
            if (names == null) {
                throw new FieldError("names is required");
            }
            List<Map<String, @Nullable Object>> quantities = new ArrayList<>();
            for (Object name : names) {
                if (!SimulatedShop.QUANTITY_NAMES.contains(String.valueOf(name))) {
                    throw new FieldError("Invalid quantity name '" + name + "'; expected one of "
                            + String.join(", ", SimulatedShop.QUANTITY_NAMES));
                }
                Map<String, @Nullable Object> quantity = new LinkedHashMap<>();
                quantity.put("__typename", "InventoryQuantity");
                quantity.put("id", "gid://shopify/InventoryQuantity/" + item.id() + "?name=" + name);
                quantity.put("name", name);
                quantity.put("quantity", item.quantity(String.valueOf(name)));
                quantity.put("updatedAt", item.updatedAt().toString());
                quantities.add(quantity);
            }
            return quantities;
        });
        return node;
    }

    private static Map<String, @Nullable Object> itemStub(long id, String sku) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "InventoryItem");
        node.put("id", "gid://shopify/InventoryItem/" + id);
        node.put("legacyResourceId", Long.toString(id));
        node.put("sku", sku);
        node.put("tracked", true);
        return node;
    }

    private static Map<String, @Nullable Object> location(long id) {
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("__typename", "Location");
        node.put("id", "gid://shopify/Location/" + id);
        node.put("name", "Shop location");
        return node;
    }

    private static @Nullable List<?> list(@Nullable Object value, String name) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String single) {
            // GraphQL input coercion: a single value stands for a list of one.
            return List.of(single);
        }
        throw new FieldError(name + " must be a list");
    }

    // --- Projection --------------------------------------------------------------------------------------------

    /** Keeps what the selection asks for, under its response keys; argument fields are computed here. */
    private static @Nullable Object project(
            @Nullable Object value,
            Field field,
            Operation operation,
            Map<String, @Nullable Object> variables,
            List<Object> path,
            List<Map<String, @Nullable Object>> errors) {
        if (value == null || field.selections().isEmpty()) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                List<Object> itemPath = new ArrayList<>(path);
                itemPath.add(i);
                items.add(project(list.get(i), field, operation, variables, itemPath, errors));
            }
            return items;
        }
        if (!(value instanceof Map<?, ?> node)) {
            return value;
        }
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (Field sub : field.selections()) {
            List<Object> subPath = new ArrayList<>(path);
            subPath.add(sub.responseKey());
            @Nullable Object raw = node.get(sub.name());
            if (raw instanceof ArgumentField computed) {
                try {
                    raw = computed.apply(arguments(sub, operation, variables));
                } catch (FieldError refused) {
                    errors.add(error(refused.reason(), sub.location(), subPath, "argumentLiteralsIncompatible"));
                    raw = null;
                }
            }
            out.put(sub.responseKey(), project(raw, sub, operation, variables, subPath, errors));
        }
        return out;
    }

    private static Map<String, @Nullable Object> arguments(
            Field field, Operation operation, Map<String, @Nullable Object> variables) {
        Map<String, @Nullable Object> resolved = new LinkedHashMap<>();
        field.arguments().forEach((name, value) -> {
            @Nullable Object argument = GraphQl.resolve(value, variables, operation.variableDefaults());
            if (argument != GraphQl.ABSENT) {
                resolved.put(name, argument);
            }
        });
        return resolved;
    }

    // --- Responses ---------------------------------------------------------------------------------------------

    private static Map<String, @Nullable Object> errorsOnly(
            SimulatedShop shop, List<Map<String, @Nullable Object>> errors, int requested) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        body.put("extensions", Map.of("cost", cost(shop, requested, 0)));
        return body;
    }

    static Map<String, @Nullable Object> cost(SimulatedShop shop, int requested, @Nullable Integer actual) {
        SimulatedShop.ThrottleStatus status = shop.throttleStatus();
        Map<String, @Nullable Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", status.maximumAvailable());
        throttle.put("currentlyAvailable", status.currentlyAvailable());
        throttle.put("restoreRate", status.restoreRate());
        Map<String, @Nullable Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", throttle);
        return cost;
    }

    private static Map<String, @Nullable Object> error(
            String message, GraphQl.Location location, @Nullable List<?> path, String code) {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("locations", List.of(Map.of("line", location.line(), "column", location.column())));
        if (path != null) {
            error.put("path", path);
        }
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        error.put("extensions", extensions);
        return error;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> extensionsOf(Map<String, @Nullable Object> error) {
        return (Map<String, @Nullable Object>) Objects.requireNonNull(error.get("extensions"));
    }
}
