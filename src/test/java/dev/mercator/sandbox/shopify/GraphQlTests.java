package dev.mercator.sandbox.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlTests {

    @Test
    void parsesOperationsWithVariablesAliasesArgumentsAndDirectives() {
        GraphQl.Document document = GraphQl.parse("""
                # Mercator's write
                mutation Set($input: InventorySetQuantitiesInput!, $limit: Int = 5) {
                  result: inventorySetQuantities(input: $input) @idempotent(key: "k-\\"1\\"") {
                    userErrors { code }
                  }
                }
                query Other { __typename }""");

        GraphQl.Operation operation = document.select("Set");
        assertThat(operation.type()).isEqualTo("mutation");
        GraphQl.Field field = operation.selections().getFirst();
        assertThat(field.responseKey()).isEqualTo("result");
        assertThat(field.name()).isEqualTo("inventorySetQuantities");
        assertThat(field.directives().getFirst().name()).isEqualTo("idempotent");
        assertThat(GraphQl.resolve(field.directives().getFirst().arguments().get("key"), Map.of(), Map.of()))
                .isEqualTo("k-\"1\"");
        assertThat(GraphQl.resolve(new GraphQl.Variable("limit"), Map.of(), operation.variableDefaults()))
                .isEqualTo(5L);
        assertThat(document.select("Other").type()).isEqualTo("query");
        assertThatThrownBy(() -> document.select(null)).isInstanceOf(GraphQl.SyntaxError.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resolvesLiteralsAndLeavesOutAbsentVariablesButKeepsExplicitNulls() {
        GraphQl.Field field = GraphQl.parse("""
                        { f(input: {a: 1, b: -2.5, c: [true, null, ENUM], d: $missing, e: $given, s: \"""
                          block
                        \"""}) { x } }""").select(null).selections().getFirst();
        Map<String, Object> variables = new HashMap<>();
        variables.put("given", null);

        Object input = GraphQl.resolve(field.arguments().get("input"), variables, Map.of());

        assertThat(input).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) input;
        assertThat(map.get("a")).isEqualTo(1L);
        assertThat(map.get("b")).isEqualTo(-2.5);
        assertThat((List<Object>) map.get("c")).containsExactly(true, null, "ENUM");
        assertThat(map.containsKey("d")).isFalse();
        assertThat(map.containsKey("e")).isTrue();
        assertThat(map.get("e")).isNull();
        assertThat(map.get("s")).isEqualTo("block");
    }

    @Test
    void reportsWhereADocumentGoesWrong() {
        assertThatThrownBy(() -> GraphQl.parse("query {\n  inventoryItem(id: \"x\" { id }\n}"))
                .isInstanceOfSatisfying(GraphQl.SyntaxError.class, error -> {
                    assertThat(error.location().line()).isEqualTo(2);
                    assertThat(error.reason()).contains("Expected a name");
                });
        assertThatThrownBy(() -> GraphQl.parse("{ ...Parts }")).hasMessageContaining("Fragments");
        assertThatThrownBy(() -> GraphQl.parse("subscription { x }")).hasMessageContaining("query or mutation");
        assertThatThrownBy(() -> GraphQl.parse("{ x(s: \"open) }")).hasMessageContaining("Unterminated");
        assertThatThrownBy(() -> GraphQl.parse("   ")).hasMessageContaining("no operation");
    }
}
