package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.AdminSchema.SetRequest;
import graphql.execution.directives.QueryAppliedDirective;
import graphql.execution.directives.QueryAppliedDirectiveArgument;
import graphql.execution.directives.QueryDirectives;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shopify's rules for {@code inventorySetQuantities} as of API version 2026-04 (the part that changes with the version):
 * what passes becomes the {@link SetRequest} its data fetcher applies; what does not is refused before anything runs.
 */
final class SetQuantitiesRules {

    private static final int MAX_QUANTITIES = 250;

    private final boolean requireIdempotency;

    SetQuantitiesRules(boolean requireIdempotency) {
        this.requireIdempotency = requireIdempotency;
    }

    /**
     * Holds each {@code inventorySetQuantities} to what the schema cannot say: {@code changeFromQuantity} must be
     * present (null is a value here: it opts out of the check) and {@code @idempotent} is required. Its input is
     * already coerced: types, required fields and unknown ones (the removed {@code compareQuantity}, {@code
     * ignoreCompareQuantity}) were refused with the variables.
     */
    void prepare(
            ExecutableNormalizedOperation operation,
            Map<String, SetRequest> requests,
            List<Map<String, @Nullable Object>> problems) {
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            if (!field.getFieldName().equals("inventorySetQuantities")) {
                continue;
            }
            int before = problems.size();
            @Nullable
            SourceLocation at = operation.getMergedField(field).getSingleField().getSourceLocation();
            List<Object> path = List.of("mutation", field.getResultKey());
            @Nullable String key = null;
            @Nullable QueryDirectives directives = operation.getQueryDirectives(field);
            List<QueryAppliedDirective> idempotent =
                    directives == null ? List.of() : directives.getImmediateAppliedDirective("idempotent");
            if (!idempotent.isEmpty()) {
                @Nullable
                QueryAppliedDirectiveArgument argument = idempotent.getFirst().getArgument("key");
                @Nullable Object value = argument == null ? null : argument.getValue();
                if (!(value instanceof String text) || text.isBlank() || text.length() > 255) {
                    problems.add(invalid(
                            at, path, "@idempotent(key:) must be a non-empty string of at most 255 characters"));
                } else {
                    key = text;
                }
            } else if (requireIdempotency) {
                problems.add(invalid(
                        at,
                        path,
                        "The @idempotent directive is required for this mutation (API version 2026-04 and later)"));
            }
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> input = (Map<String, @Nullable Object>)
                    Objects.requireNonNull(field.getResolvedArguments().get("input"), "input is non-null");
            @SuppressWarnings("unchecked")
            List<Map<String, @Nullable Object>> quantities =
                    (List<Map<String, @Nullable Object>>) input.get("quantities");
            if (quantities == null || quantities.isEmpty() || quantities.size() > MAX_QUANTITIES) {
                problems.add(invalid(at, path, "quantities must be a list of 1 to 250 InventoryQuantityInput"));
                continue;
            }
            List<SimulatedShop.QuantityInput> entries = new ArrayList<>();
            for (int i = 0; i < quantities.size(); i++) {
                Map<String, @Nullable Object> entry = quantities.get(i);
                boolean given = entry.containsKey("changeFromQuantity");
                if (!given) {
                    problems.add(invalid(
                            at,
                            path,
                            "quantities[" + i + "].changeFromQuantity is required: pass the quantity you expect, or"
                                    + " null to skip the check"));
                }
                @Nullable Object from = entry.get("changeFromQuantity");
                entries.add(new SimulatedShop.QuantityInput(
                        String.valueOf(entry.get("inventoryItemId")),
                        String.valueOf(entry.get("locationId")),
                        ((Number) Objects.requireNonNull(entry.get("quantity"), "quantity is non-null")).longValue(),
                        given,
                        from == null ? null : ((Number) from).longValue()));
            }
            if (problems.size() == before) {
                requests.put(
                        field.getResultKey(),
                        new SetRequest(
                                new SimulatedShop.SetQuantities(
                                        String.valueOf(input.get("name")),
                                        String.valueOf(input.get("reason")),
                                        (String) input.get("referenceDocumentUri"),
                                        List.copyOf(entries)),
                                key));
            }
        }
    }

    private static Map<String, @Nullable Object> invalid(
            @Nullable SourceLocation at, List<Object> path, String message) {
        return AdminErrors.error(message, at, path, "INVALID_VARIABLE");
    }
}
