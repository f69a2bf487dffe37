package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.AdminSchema.SetRequest;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.execution.RawVariables;
import graphql.execution.UnknownOperationException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Shopify's Admin GraphQL API over a {@link SimulatedShop}, on graphql-java, executed in Shopify's order:
 *
 * <ol>
 *   <li>the document is parsed and validated against the schema ({@link AdminSchema}); an unknown field is refused by
 *       name, with graphql-ruby's codes ({@code undefinedField}, ...), and nothing runs;
 *   <li>variables are coerced and each {@code inventorySetQuantities} is held to the 2026-04 rules: {@code
 *       changeFromQuantity} on every quantity (an explicit null opts out), {@code @idempotent(key:)} (a literal, as
 *       Shopify's documentation writes it, or a variable), at most 250 quantities;
 *   <li>the requested cost is computed from the document ({@link QueryCost}); above {@value #MAX_QUERY_COST} the query
 *       is refused ({@code MAX_COST_EXCEEDED}), and a request the shop's bucket cannot pay for is throttled whole
 *       ({@code THROTTLED}) with nothing run;
 *   <li>it runs, with data fetchers over the shop; only what the document selects comes back, under its aliases.
 * </ol>
 *
 * Every answer carries {@code extensions.cost}; the actual cost reported is the requested one (Shopify refunds the
 * unused part of a connection; the simulator charges it whole, which only errs on the safe side for a client).
 */
final class AdminGraphQl {

    /** Above this a single query is refused, whatever the bucket holds. */
    static final int MAX_QUERY_COST = 1000;

    record Answer(Map<String, @Nullable Object> body, List<Emission> emissions) {}

    private final GraphQLSchema schema = AdminSchema.load();
    private final GraphQL graphql;
    private final int mutationCost;
    private final SetQuantitiesRules setQuantitiesRules;

    AdminGraphQl(int mutationCost, boolean requireIdempotency) {
        this.mutationCost = mutationCost;
        this.setQuantitiesRules = new SetQuantitiesRules(requireIdempotency);
        this.graphql = GraphQL.newGraphQL(schema)
                // Parsed and validated once, before the cost is taken; execution reuses that document.
                .preparsedDocumentProvider((input, parseAndValidate) ->
                        CompletableFuture.completedFuture(new PreparsedDocumentEntry(Objects.requireNonNull(
                                input.getGraphQLContext().<Document>get(AdminSchema.Key.DOCUMENT)))))
                .defaultDataFetcherExceptionHandler(AdminSchema::refused)
                .build();
    }

    Answer execute(
            SimulatedShop shop, String query, @Nullable String operationName, Map<String, @Nullable Object> variables) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException syntax) {
            return refused(
                    shop,
                    List.of(AdminErrors.error(
                            String.valueOf(syntax.getMessage()), syntax.getLocation(), null, "BAD_REQUEST")));
        }
        List<ValidationError> invalid = ParseAndValidate.validate(schema, document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            String type = AdminErrors.operationType(document, operationName);
            return refused(
                    shop,
                    invalid.stream()
                            .map(e -> AdminErrors.validationError(e, type))
                            .toList());
        }
        ExecutableNormalizedOperation operation;
        try {
            operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    schema,
                    document,
                    operationName,
                    RawVariables.of(new LinkedHashMap<>(variables)),
                    GraphQLContext.getDefault(),
                    Locale.ENGLISH);
        } catch (RuntimeException unusable) {
            if (!(unusable instanceof GraphQLError problem)) {
                throw unusable;
            }
            String code = unusable instanceof UnknownOperationException ? "BAD_REQUEST" : "INVALID_VARIABLE";
            return refused(
                    shop,
                    List.of(AdminErrors.error(
                            problem.getMessage(), AdminErrors.first(problem.getLocations()), null, code)));
        }
        List<Map<String, @Nullable Object>> problems = new ArrayList<>();
        Map<String, SetRequest> requests = new LinkedHashMap<>();
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            setQuantitiesRules.prepare(operation, requests, problems);
        }
        // The schema lets @idempotent on any field (directives name locations, not fields); Shopify honours it on
        // mutations only, and a key that silently did nothing would hide a client's mistake.
        operation.getNormalizedFieldToQueryDirectives().forEach((field, directives) -> {
            if (!field.getFieldName().equals("inventorySetQuantities")
                    && !directives.getImmediateAppliedDirective("idempotent").isEmpty()) {
                List<Object> path = new ArrayList<>();
                path.add(operation.getOperation().name().toLowerCase(Locale.ROOT));
                path.addAll(field.getListOfResultKeys());
                problems.add(AdminErrors.error(
                        "Directive '@idempotent' is not supported on field '" + field.getFieldName() + "'",
                        operation.getMergedField(field).getSingleField().getSourceLocation(),
                        path,
                        "directiveCannotBeApplied"));
            }
        });
        QueryCost.Result cost = QueryCost.of(operation, schema, mutationCost);
        for (QueryCost.Problem problem : cost.problems()) {
            problems.add(AdminErrors.error(problem.message(), problem.location(), problem.path(), "BAD_REQUEST"));
        }
        if (!problems.isEmpty()) {
            return refused(shop, problems);
        }
        int requested = cost.cost();
        if (requested > MAX_QUERY_COST) {
            return new Answer(
                    body(
                            false,
                            null,
                            List.of(AdminErrors.tooDear(requested, MAX_QUERY_COST)),
                            cost(shop, requested, 0)),
                    List.of());
        }
        if (!shop.take(requested)) {
            return new Answer(
                    body(false, null, List.of(AdminErrors.throttled()), cost(shop, requested, null)), List.of());
        }
        List<Emission> emissions = new ArrayList<>();
        Map<Object, Object> context = new LinkedHashMap<>();
        context.put(AdminSchema.Key.SHOP, shop);
        context.put(AdminSchema.Key.DOCUMENT, document);
        context.put(AdminSchema.Key.SET_REQUESTS, requests);
        context.put(AdminSchema.Key.EMISSIONS, emissions);
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput(query)
                .variables(new LinkedHashMap<>(variables))
                .locale(Locale.ENGLISH)
                .graphQLContext(context);
        if (operationName != null) {
            input.operationName(operationName);
        }
        ExecutionResult result = graphql.execute(input.build());
        List<Map<String, @Nullable Object>> errors =
                result.getErrors().stream().map(AdminErrors::executionError).toList();
        return new Answer(
                body(result.isDataPresent(), result.getData(), errors, cost(shop, requested, requested)),
                List.copyOf(emissions));
    }

    // --- Responses ---------------------------------------------------------------------------------------------

    /** Refused before running: nothing was charged. */
    private static Answer refused(SimulatedShop shop, List<Map<String, @Nullable Object>> errors) {
        return new Answer(body(false, null, errors, cost(shop, 0, 0)), List.of());
    }

    /** {@code data} only once the operation ran (then it may be null, when a non-null root field failed). */
    private static Map<String, @Nullable Object> body(
            boolean ran,
            @Nullable Object data,
            List<Map<String, @Nullable Object>> errors,
            Map<String, @Nullable Object> cost) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        if (ran) {
            body.put("data", data);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("extensions", Map.of("cost", cost));
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
}
