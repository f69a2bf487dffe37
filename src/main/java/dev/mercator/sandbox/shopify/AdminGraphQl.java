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
import graphql.execution.directives.QueryAppliedDirective;
import graphql.execution.directives.QueryAppliedDirectiveArgument;
import graphql.execution.directives.QueryDirectives;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedField;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final String DOCS = "https://shopify.dev/api/usage/rate-limits";
    private static final int MAX_QUANTITIES = 250;
    // graphql-java's English wording (the locale is fixed), read back for Shopify's.
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '(.+)' in type '(.+)' is undefined");
    private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '(.+)'");

    record Answer(Map<String, @Nullable Object> body, List<Emission> emissions) {}

    private final GraphQLSchema schema = AdminSchema.load();
    private final GraphQL graphql;
    private final int mutationCost;
    private final boolean requireIdempotency;

    AdminGraphQl(int mutationCost, boolean requireIdempotency) {
        this.mutationCost = mutationCost;
        this.requireIdempotency = requireIdempotency;
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
                    List.of(error(String.valueOf(syntax.getMessage()), syntax.getLocation(), null, "BAD_REQUEST")));
        }
        List<ValidationError> invalid = ParseAndValidate.validate(schema, document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            String type = operationType(document, operationName);
            return refused(
                    shop, invalid.stream().map(e -> validationError(e, type)).toList());
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
            return refused(shop, List.of(error(problem.getMessage(), first(problem.getLocations()), null, code)));
        }
        List<Map<String, @Nullable Object>> problems = new ArrayList<>();
        Map<String, SetRequest> requests = new LinkedHashMap<>();
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            prepare(operation, requests, problems);
        }
        // The schema lets @idempotent on any field (directives name locations, not fields); Shopify honours it on
        // mutations only, and a key that silently did nothing would hide a client's mistake.
        operation.getNormalizedFieldToQueryDirectives().forEach((field, directives) -> {
            if (!field.getFieldName().equals("inventorySetQuantities")
                    && !directives.getImmediateAppliedDirective("idempotent").isEmpty()) {
                List<Object> path = new ArrayList<>();
                path.add(operation.getOperation().name().toLowerCase(Locale.ROOT));
                path.addAll(field.getListOfResultKeys());
                problems.add(error(
                        "Directive '@idempotent' is not supported on field '" + field.getFieldName() + "'",
                        operation.getMergedField(field).getSingleField().getSourceLocation(),
                        path,
                        "directiveCannotBeApplied"));
            }
        });
        QueryCost.Result cost = QueryCost.of(operation, schema, mutationCost);
        for (QueryCost.Problem problem : cost.problems()) {
            problems.add(error(problem.message(), problem.location(), problem.path(), "BAD_REQUEST"));
        }
        if (!problems.isEmpty()) {
            return refused(shop, problems);
        }
        int requested = cost.cost();
        if (requested > MAX_QUERY_COST) {
            Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "MAX_COST_EXCEEDED");
            extensions.put("cost", requested);
            extensions.put("maxCost", MAX_QUERY_COST);
            extensions.put("documentation", DOCS);
            Map<String, @Nullable Object> tooDear = new LinkedHashMap<>();
            tooDear.put(
                    "message",
                    "Query cost is " + requested + ", which exceeds the single query max cost limit (" + MAX_QUERY_COST
                            + ").");
            tooDear.put("extensions", extensions);
            return new Answer(body(false, null, List.of(tooDear), cost(shop, requested, 0)), List.of());
        }
        if (!shop.take(requested)) {
            Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "THROTTLED");
            extensions.put("documentation", DOCS);
            Map<String, @Nullable Object> throttled = new LinkedHashMap<>();
            throttled.put("message", "Throttled");
            throttled.put("extensions", extensions);
            return new Answer(body(false, null, List.of(throttled), cost(shop, requested, null)), List.of());
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
                result.getErrors().stream().map(AdminGraphQl::executionError).toList();
        return new Answer(
                body(result.isDataPresent(), result.getData(), errors, cost(shop, requested, requested)),
                List.copyOf(emissions));
    }

    // --- inventorySetQuantities under 2026-04 rules ----------------------------------------------------------------

    /**
     * Holds each {@code inventorySetQuantities} to what the schema cannot say: {@code changeFromQuantity} must be
     * present (null is a value here: it opts out of the check) and {@code @idempotent} is required. Its input is
     * already coerced: types, required fields and unknown ones (the removed {@code compareQuantity}, {@code
     * ignoreCompareQuantity}) were refused with the variables.
     */
    private void prepare(
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
        return error(message, at, path, "INVALID_VARIABLE");
    }

    // --- Errors ------------------------------------------------------------------------------------------------

    /**
     * A validation error as Shopify (graphql-ruby) words and codes it; graphql-java's classification where Shopify's
     * wording is not known.
     */
    private static Map<String, @Nullable Object> validationError(ValidationError invalid, String operationType) {
        String classification = String.valueOf(invalid.getValidationErrorType());
        // graphql-java prefixes "Validation error (Classification@[path]) : "; Shopify's messages have no prefix.
        String message = invalid.getMessage();
        int detail = message.indexOf(')');
        if (message.startsWith("Validation error (") && detail > 0) {
            message = message.substring(detail + 1).replaceFirst("^\\s*:\\s*", "");
        }
        List<Object> path = new ArrayList<>();
        path.add(operationType);
        path.addAll(invalid.getQueryPath() == null ? List.of() : invalid.getQueryPath());
        String code = switch (classification) {
            case "FieldUndefined" -> "undefinedField";
            case "MissingFieldArgument" -> "missingRequiredArguments";
            case "SubselectionRequired", "SubselectionNotAllowed" -> "selectionMismatch";
            case "WrongType" -> "argumentLiteralsIncompatible";
            case "UnknownArgument" -> "argumentNotAccepted";
            case "UnknownDirective" -> "undefinedDirective";
            case "MisplacedDirective" -> "directiveCannotBeApplied";
            case "UnusedVariable" -> "variableNotUsed";
            case "UndefinedVariable" -> "variableNotDefined";
            case "UnknownType" -> "undefinedType";
            case "VariableTypeMismatch" -> "variableMismatch";
            default -> classification;
        };
        Matcher undefined = UNDEFINED_FIELD.matcher(message);
        if (code.equals("undefinedField") && undefined.find()) {
            Map<String, @Nullable Object> error = error(
                    "Field '" + undefined.group(1) + "' doesn't exist on type '" + undefined.group(2) + "'",
                    first(invalid.getLocations()),
                    path,
                    code);
            extensions(error).put("typeName", undefined.group(2));
            extensions(error).put("fieldName", undefined.group(1));
            return error;
        }
        Matcher missing = MISSING_ARGUMENT.matcher(message);
        if (code.equals("missingRequiredArguments") && missing.find() && path.size() > 1) {
            message = "Field '" + path.getLast() + "' is missing required arguments: " + missing.group(1);
        }
        return error(message, first(invalid.getLocations()), path, code);
    }

    /** An error met while running: Shopify's shape, with the code every Shopify error carries. */
    private static Map<String, @Nullable Object> executionError(GraphQLError failed) {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", failed.getMessage());
        if (failed.getLocations() != null && !failed.getLocations().isEmpty()) {
            error.put(
                    "locations",
                    failed.getLocations().stream().map(AdminGraphQl::location).toList());
        }
        if (failed.getPath() != null) {
            error.put("path", failed.getPath());
        }
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        if (failed.getExtensions() != null) {
            extensions.putAll(failed.getExtensions());
        }
        extensions.remove("classification");
        extensions.putIfAbsent("code", String.valueOf(failed.getErrorType()));
        error.put("extensions", extensions);
        return error;
    }

    private static Map<String, @Nullable Object> error(
            String message, @Nullable SourceLocation location, @Nullable List<?> path, String code) {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (location != null) {
            error.put("locations", List.of(location(location)));
        }
        if (path != null) {
            error.put("path", path);
        }
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        error.put("extensions", extensions);
        return error;
    }

    private static Map<String, Object> location(SourceLocation location) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("line", location.getLine());
        at.put("column", location.getColumn());
        return at;
    }

    private static @Nullable SourceLocation first(@Nullable List<SourceLocation> locations) {
        return locations == null || locations.isEmpty() ? null : locations.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> extensions(Map<String, @Nullable Object> error) {
        return (Map<String, @Nullable Object>) Objects.requireNonNull(error.get("extensions"));
    }

    /** The type of the operation that would run, for error paths (Shopify starts them with it). */
    private static String operationType(Document document, @Nullable String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(op -> operationName == null || operationName.equals(op.getName()))
                .findFirst()
                .map(op -> op.getOperation().name().toLowerCase(Locale.ROOT))
                .orElse("query");
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
