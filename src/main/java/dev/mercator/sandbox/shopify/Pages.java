package dev.mercator.sandbox.shopify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relay connections as Shopify pages them: {@code first} items after an opaque cursor. A cursor names the position
 * of the last item seen (its sort value and its id, Shopify's {@code last_value} and {@code last_id}), not an offset,
 * so an item that moves in the sort between two pages (an order updated meanwhile) is met again further on rather
 * than shifting every later page by one.
 */
final class Pages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INVALID = "Invalid cursor for current pagination sort.";

    private Pages() {}

    record PageInfo(
            boolean hasNextPage,
            boolean hasPreviousPage,
            @Nullable String startCursor,
            @Nullable String endCursor) {}

    record Edge<T>(String cursor, T node) {}

    /** A page, with its items both as {@code edges} (each with its cursor) and as {@code nodes}. */
    record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo) {}

    /** Where an item stands in a sort: its sort value first, its id to break ties. */
    record Position(long value, long id) {

        static final Comparator<Position> ORDER =
                Comparator.comparingLong(Position::value).thenComparingLong(Position::id);
    }

    /**
     * The page of {@code items} (in any order) that follows {@code after} in the order of their positions, ascending
     * or, with {@code reverse}, descending.
     */
    static <T> Connection<T> page(
            List<T> items, Function<T, Position> position, boolean reverse, int first, @Nullable String after) {
        Comparator<Position> order = reverse ? Position.ORDER.reversed() : Position.ORDER;
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(position, order));
        int start = 0;
        if (after != null) {
            Position last = decode(after);
            while (start < sorted.size() && order.compare(position.apply(sorted.get(start)), last) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + first);
        List<Edge<T>> edges = new ArrayList<>();
        for (T item : sorted.subList(start, end)) {
            edges.add(new Edge<>(encode(position.apply(item)), item));
        }
        PageInfo info = new PageInfo(
                end < sorted.size(),
                start > 0,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor());
        return new Connection<>(
                List.copyOf(edges), edges.stream().map(Edge::node).toList(), info);
    }

    static String encode(Position position) {
        String json = "{\"last_id\":" + position.id() + ",\"last_value\":" + position.value() + "}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        try {
            JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            JsonNode id = json.path("last_id");
            JsonNode value = json.path("last_value");
            if (id.isIntegralNumber() && value.isIntegralNumber()) {
                return new Position(value.asLong(), id.asLong());
            }
        } catch (IllegalArgumentException | JacksonException unreadable) {
            // refused below, as any other cursor this server did not hand out
        }
        throw new FieldRefusal(INVALID, "BAD_REQUEST");
    }
}
