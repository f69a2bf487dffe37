package dev.mercator.sandbox.shopify;

import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shopify's requested query cost (https://shopify.dev/docs/api/usage/limits), computed from the normalized operation
 * graphql-java derives from the parsed document, so fragments, aliases, variables and {@code @skip}/{@code @include}
 * count as they will run:
 *
 * <ul>
 *   <li>a scalar or enum field costs 0;
 *   <li>a field returning an object costs 1 plus its selection (a list without {@code first}, such as
 *       {@code quantities}, counts as one object, as Shopify charges it);
 *   <li>a connection costs 2 plus {@code first} times its selection; its {@code edges} and {@code pageInfo} are free,
 *       each {@code node} or {@code nodes} item costs as an object;
 *   <li>a list of objects with a {@code first} argument ({@code Order.refunds}) costs {@code first} objects;
 *   <li>each mutation field costs the mutation cost (Shopify: 10), whatever it selects;
 *   <li>a query costs at least 1.
 * </ul>
 *
 * A connection must be given {@code first} (of at most 250), as on Shopify; without it there is nothing to cost and
 * the field is refused before anything runs.
 */
final class QueryCost {

    /** Shopify's largest page. */
    static final int MAX_PAGE = 250;

    record Problem(String message, @Nullable SourceLocation location, List<Object> path) {}

    record Result(int cost, List<Problem> problems) {}

    private final ExecutableNormalizedOperation operation;
    private final GraphQLSchema schema;
    private final List<Problem> problems = new ArrayList<>();

    private QueryCost(ExecutableNormalizedOperation operation, GraphQLSchema schema) {
        this.operation = operation;
        this.schema = schema;
    }

    static Result of(ExecutableNormalizedOperation operation, GraphQLSchema schema, int mutationCost) {
        QueryCost calculator = new QueryCost(operation, schema);
        int cost = 0;
        boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            if (mutation) {
                cost += field.getFieldName().startsWith("__") ? 0 : mutationCost;
                calculator.cost(field); // the selection is free, but a connection in it still needs first
            } else {
                cost += calculator.cost(field);
            }
        }
        return new Result(mutation ? cost : Math.max(1, cost), List.copyOf(calculator.problems));
    }

    private int cost(ExecutableNormalizedField field) {
        int selection = 0;
        for (ExecutableNormalizedField child : field.getChildren()) {
            selection += cost(child);
        }
        GraphQLFieldDefinition definition = field.getFieldDefinitions(schema).getFirst();
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (!(type instanceof GraphQLObjectType object)) {
            return 0;
        }
        String name = object.getName();
        if (name.endsWith("Connection")) {
            return 2 + pageSize(field, true) * selection;
        }
        if (name.endsWith("Edge") || name.equals("PageInfo")) {
            return selection;
        }
        if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))
                && definition.getArgument("first") != null
                && field.getResolvedArguments().get("first") != null) {
            return pageSize(field, false) * (1 + selection);
        }
        return 1 + selection;
    }

    private int pageSize(ExecutableNormalizedField field, boolean required) {
        @Nullable Object first = field.getResolvedArguments().get("first");
        if (first == null) {
            if (required) {
                problem(field, "you must provide one of first or last");
            }
            return 1;
        }
        int size = ((Number) first).intValue();
        if (size < 0 || size > MAX_PAGE) {
            problem(field, "first must be between 0 and " + MAX_PAGE + ", was " + size);
            return 1;
        }
        return size;
    }

    private void problem(ExecutableNormalizedField field, String message) {
        List<Object> path = new ArrayList<>();
        path.add(operation.getOperation().name().toLowerCase(java.util.Locale.ROOT));
        path.addAll(field.getListOfResultKeys());
        problems.add(new Problem(
                message, operation.getMergedField(field).getSingleField().getSourceLocation(), path));
    }
}
