package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.Pages.Position;
import dev.mercator.sandbox.shopify.SimulatedShop.OrderView;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code query} argument of {@code orders}, in Shopify's search syntax: terms such as {@code sku:MUG-RED} or
 * {@code updated_at:>'2026-12-03T10:15:30Z'}, joined by spaces (all must hold) or {@code OR}, and negated with a
 * leading {@code -} or {@code NOT}. Understood: {@code sku} (any line item, case-insensitive), {@code created_at},
 * {@code processed_at} (the same here), {@code updated_at} and {@code id}, each with {@code :}, {@code :>},
 * {@code :>=}, {@code :<} or {@code :<=}. A date is an ISO-8601 time with an offset, or a day in the shop's time zone.
 * Any other term, or one whose value cannot be read, is ignored, as Shopify ignores filters it does not know: a
 * search never fails.
 *
 * <p>Times compare to the second, the precision Shopify keeps and shows: an order updated at 10:15:30.6 does not
 * match {@code updated_at:>'10:15:30Z'}, which is what a client that read {@code updatedAt} expects.
 */
final class OrderSearch {

    private final List<List<Term>> anyOf;

    private OrderSearch(List<List<Term>> anyOf) {
        this.anyOf = anyOf;
    }

    private enum Comparison {
        EQ,
        GT,
        GE,
        LT,
        LE;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }
    }

    private record Term(String field, Comparison comparison, String value, boolean negated) {}

    static OrderSearch parse(@Nullable String query) {
        List<List<Term>> groups = new ArrayList<>();
        List<Term> group = new ArrayList<>();
        boolean negateNext = false;
        for (String token : tokens(query == null ? "" : query)) {
            if (token.equals("OR")) {
                groups.add(group);
                group = new ArrayList<>();
                continue;
            }
            if (token.equals("AND")) {
                continue;
            }
            if (token.equals("NOT")) {
                negateNext = true;
                continue;
            }
            boolean negated = negateNext;
            negateNext = false;
            if (token.startsWith("-")) {
                negated = !negated;
                token = token.substring(1);
            }
            int colon = token.indexOf(':');
            if (colon <= 0) {
                continue; // free text: Shopify searches default fields; the simulator has none to search
            }
            String field = token.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = token.substring(colon + 1);
            Comparison comparison = Comparison.EQ;
            for (var prefix : List.of(">=", "<=", ">", "<")) {
                if (rest.startsWith(prefix)) {
                    comparison = switch (prefix) {
                        case ">=" -> Comparison.GE;
                        case "<=" -> Comparison.LE;
                        case ">" -> Comparison.GT;
                        default -> Comparison.LT;
                    };
                    rest = rest.substring(prefix.length());
                    break;
                }
            }
            group.add(new Term(field, comparison, unquote(rest), negated));
        }
        groups.add(group);
        return new OrderSearch(List.copyOf(groups));
    }

    boolean matches(OrderView order) {
        return anyOf.stream().anyMatch(all -> all.stream().allMatch(term -> holds(term, order)));
    }

    /** The sort of {@code OrderSortKeys}: times to the second, ties broken by id. */
    static Function<OrderView, Position> position(String sortKey) {
        return switch (sortKey) {
            case "ID" -> order -> new Position(order.id(), order.id());
            case "ORDER_NUMBER" -> order -> new Position(order.number(), order.id());
            case "UPDATED_AT" -> order -> new Position(order.updatedAt().getEpochSecond(), order.id());
            default -> order -> new Position(order.createdAt().getEpochSecond(), order.id());
        };
    }

    private static boolean holds(Term term, OrderView order) {
        @Nullable
        Boolean result = switch (term.field()) {
            case "sku" ->
                term.comparison() == Comparison.EQ
                        ? order.lines().stream().anyMatch(line -> line.sku().equalsIgnoreCase(term.value()))
                        : null;
            case "created_at", "processed_at" -> compareTime(order.createdAt(), term);
            case "updated_at" -> compareTime(order.updatedAt(), term);
            case "id" -> compareId(order.id(), term);
            default -> null;
        };
        // An unknown filter, or a value that cannot be read, does not narrow the search.
        return result == null || result != term.negated();
    }

    private static @Nullable Boolean compareTime(Instant at, Term term) {
        long second = at.getEpochSecond();
        @Nullable Instant exact = ShopifyScalars.parse(term.value());
        if (exact != null) {
            return term.comparison().holds(Long.compare(second, exact.getEpochSecond()));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(term.value());
        } catch (DateTimeException unreadable) {
            return null;
        }
        long start = day.atStartOfDay(ShopifyPayloads.SHOP_ZONE).toEpochSecond();
        long end = day.plusDays(1).atStartOfDay(ShopifyPayloads.SHOP_ZONE).toEpochSecond();
        return switch (term.comparison()) {
            case EQ -> second >= start && second < end;
            case GT -> second >= end;
            case GE -> second >= start;
            case LT -> second < start;
            case LE -> second < end;
        };
    }

    private static @Nullable Boolean compareId(long id, Term term) {
        String value = term.value();
        String numeric = value.substring(value.lastIndexOf('/') + 1);
        try {
            return term.comparison().holds(Long.compare(id, Long.parseLong(numeric)));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** Splits on spaces outside quotes; quotes stay in the token (a value is unquoted once its field is known). */
    private static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                token.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                token.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
