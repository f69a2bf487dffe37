package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.Pages.Position;
import dev.mercator.sandbox.shopify.SimulatedShop.ItemView;
import dev.mercator.sandbox.shopify.SimulatedShop.LineView;
import dev.mercator.sandbox.shopify.SimulatedShop.OrderView;
import dev.mercator.sandbox.shopify.SimulatedShop.RefundLineView;
import dev.mercator.sandbox.shopify.SimulatedShop.RefundView;
import dev.mercator.sandbox.shopify.SimulatedShop.SetResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's schema: the SDL in {@code sandbox/shopify/admin-2026-04.graphqls} (Shopify's names, the slice
 * Mercator uses) wired to data fetchers over one {@link SimulatedShop}, found in the request's GraphQL context. A read
 * takes one snapshot of what it starts from (an item, the orders) so a single answer is consistent with itself. Ids
 * are Shopify's global ids over the same numbers the webhooks carry, so a consumer can key one fact from either.
 */
final class AdminSchema {

    static final String SDL = "sandbox/shopify/admin-2026-04.graphqls";

    /** GraphQL context keys of one request. */
    enum Key {
        SHOP,
        /** {@code Map<String, SetRequest>}: each {@code inventorySetQuantities} by response key, checked before running. */
        SET_REQUESTS,
        /** {@code List<Emission>}: the webhooks the request's changes trigger. */
        EMISSIONS,
        /** The document, parsed and validated once before the cost is taken. */
        DOCUMENT
    }

    /** An {@code inventorySetQuantities} call whose input passed the 2026-04 rules, with its idempotency key. */
    record SetRequest(
            SimulatedShop.SetQuantities input, @Nullable String key) {}

    record Level(ItemView item, long locationId) {}

    record Quantity(ItemView item, String name) {}

    record LocationRef(long id) {}

    record VariantRef(long id) {}

    private static final Logger log = LoggerFactory.getLogger(AdminSchema.class);
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,19})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,19})");
    private static final String BAD_ARGUMENT = "argumentLiteralsIncompatible";

    private AdminSchema() {}

    static GraphQLSchema load() {
        String sdl;
        try (InputStream in = AdminSchema.class.getClassLoader().getResourceAsStream(SDL)) {
            sdl = new String(Objects.requireNonNull(in, SDL).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring());
    }

    private static RuntimeWiring wiring() {
        RuntimeWiring.Builder wiring = inventoryAndOrders();
        ReturnsWiring.wire(wiring);
        return wiring.build();
    }

    private static RuntimeWiring.Builder inventoryAndOrders() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(ShopifyScalars.DATE_TIME)
                .scalar(ShopifyScalars.UNSIGNED_INT_64)
                .type(
                        "QueryRoot",
                        type -> type.dataFetcher("inventoryItem", AdminSchema::inventoryItem)
                                .dataFetcher("orders", AdminSchema::orders))
                .type(
                        "InventoryItem",
                        type -> type.dataFetcher("id", gid("InventoryItem", ItemView::id))
                                .dataFetcher(
                                        "legacyResourceId",
                                        env -> source(env, ItemView.class).id())
                                .dataFetcher("tracked", env -> true)
                                .dataFetcher("inventoryLevel", AdminSchema::inventoryLevel))
                .type(
                        "InventoryLevel",
                        type -> type.dataFetcher("id", env -> {
                                    Level level = source(env, Level.class);
                                    return "gid://shopify/InventoryLevel/" + level.locationId() + "?inventory_item_id="
                                            + level.item().id();
                                })
                                .dataFetcher(
                                        "updatedAt",
                                        env -> source(env, Level.class).item().updatedAt())
                                .dataFetcher(
                                        "location",
                                        env -> new LocationRef(
                                                source(env, Level.class).locationId()))
                                .dataFetcher("quantities", AdminSchema::quantities))
                .type(
                        "InventoryQuantity",
                        type -> type.dataFetcher("id", env -> {
                                    Quantity quantity = source(env, Quantity.class);
                                    return "gid://shopify/InventoryQuantity/"
                                            + quantity.item().id() + "?name=" + quantity.name();
                                })
                                .dataFetcher("quantity", env -> {
                                    Quantity quantity = source(env, Quantity.class);
                                    return quantity.item().quantity(quantity.name());
                                })
                                .dataFetcher(
                                        "updatedAt",
                                        env -> source(env, Quantity.class)
                                                .item()
                                                .updatedAt()))
                .type(
                        "Location",
                        type -> type.dataFetcher("id", gid("Location", LocationRef::id))
                                .dataFetcher("name", env -> "Shop location"))
                .type(
                        "InventorySetQuantitiesPayload",
                        type -> type.dataFetcher("inventoryAdjustmentGroup", env -> {
                            SetResult result = source(env, SetResult.class);
                            return result.groupId() == null ? null : result;
                        }))
                .type(
                        "InventoryAdjustmentGroup",
                        type -> type.dataFetcher(
                                        "id",
                                        env -> "gid://shopify/" + "InventoryAdjustmentGroup/"
                                                + source(env, SetResult.class).groupId())
                                .dataFetcher(
                                        "createdAt",
                                        env -> source(env, SetResult.class).at())
                                .dataFetcher("changes", AdminSchema::changes))
                .type(
                        "InventoryChange",
                        type -> type.dataFetcher("ledgerDocumentUri", env -> null)
                                .dataFetcher(
                                        "item",
                                        env -> shop(env)
                                                .item(source(env, SimulatedShop.Change.class)
                                                        .itemId()))
                                .dataFetcher(
                                        "location",
                                        env -> new LocationRef(shop(env).locationId())))
                .type(
                        "Order",
                        type -> type.dataFetcher("id", gid("Order", OrderView::id))
                                .dataFetcher(
                                        "legacyResourceId",
                                        env -> source(env, OrderView.class).id())
                                .dataFetcher(
                                        "lineItems",
                                        env -> Pages.page(
                                                source(env, OrderView.class).lines(),
                                                line -> new Position(line.id(), line.id()),
                                                false,
                                                first(env),
                                                env.getArgument("after")))
                                .dataFetcher("fulfillments", env -> {
                                    List<SimulatedShop.FulfillmentView> fulfillments =
                                            source(env, OrderView.class).fulfillments();
                                    @Nullable Integer first = env.getArgument("first");
                                    return first == null
                                            ? fulfillments
                                            : fulfillments.subList(0, Math.min(first, fulfillments.size()));
                                })
                                .dataFetcher("refunds", env -> {
                                    List<RefundView> refunds =
                                            source(env, OrderView.class).refunds();
                                    @Nullable Integer first = env.getArgument("first");
                                    return first == null
                                            ? refunds
                                            : refunds.subList(0, Math.min(first, refunds.size()));
                                }))
                .type(
                        "LineItem",
                        type -> type.dataFetcher("id", gid("LineItem", LineView::id))
                                .dataFetcher(
                                        "variant",
                                        env -> new VariantRef(
                                                source(env, LineView.class).variantId())))
                .type("ProductVariant", type -> type.dataFetcher("id", gid("ProductVariant", VariantRef::id)))
                .type(
                        "Refund",
                        type -> type.dataFetcher("id", gid("Refund", RefundView::id))
                                .dataFetcher(
                                        "refundLineItems",
                                        env -> Pages.page(
                                                source(env, RefundView.class).lines(),
                                                line -> new Position(line.id(), line.id()),
                                                false,
                                                first(env),
                                                env.getArgument("after"))))
                .type(
                        "RefundLineItem",
                        type -> type.dataFetcher("id", gid("RefundLineItem", RefundLineView::id))
                                .dataFetcher(
                                        "restockType",
                                        env -> source(env, RefundLineView.class)
                                                .restockType()
                                                .toUpperCase(Locale.ROOT))
                                .dataFetcher(
                                        "lineItem",
                                        env -> source(env, RefundLineView.class).line()))
                .type("Mutation", type -> type.dataFetcher("inventorySetQuantities", AdminSchema::setQuantities));
    }

    /**
     * Turns a {@link FieldRefusal} into Shopify's error for the field; anything else is the simulator's own fault,
     * logged and answered as Shopify answers its internal errors.
     */
    static CompletableFuture<DataFetcherExceptionHandlerResult> refused(DataFetcherExceptionHandlerParameters failed) {
        Throwable exception = failed.getException();
        String code = "INTERNAL_SERVER_ERROR";
        String message = "Internal error. Looks like something went wrong on our end.";
        if (exception instanceof FieldRefusal refusal) {
            code = refusal.code();
            message = refusal.getMessage();
        } else {
            log.warn("Simulated Shopify failed to answer {}", failed.getPath(), exception);
        }
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message(message)
                .location(failed.getSourceLocation())
                .path(failed.getPath())
                .extensions(Map.of("code", code))
                .build();
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    // --- Roots -------------------------------------------------------------------------------------------------

    private static @Nullable ItemView inventoryItem(DataFetchingEnvironment env) {
        return shop(env).item(number(env.getArgument("id"), ITEM_GID));
    }

    private static Pages.Connection<OrderView> orders(DataFetchingEnvironment env) {
        OrderSearch search = OrderSearch.parse(env.getArgument("query"));
        List<OrderView> matching =
                shop(env).orders().stream().filter(search::matches).toList();
        return Pages.page(
                matching,
                OrderSearch.position(Objects.requireNonNull(env.getArgument("sortKey"))),
                Boolean.TRUE.equals(env.getArgument("reverse")),
                first(env),
                env.getArgument("after"));
    }

    private static SetResult setQuantities(DataFetchingEnvironment env) {
        Map<String, SetRequest> requests = context(env, Key.SET_REQUESTS);
        SetRequest request = Objects.requireNonNull(
                requests.get(env.getMergedField().getResultKey()), "every mutation field is checked before running");
        SimulatedShop.SetOutcome outcome = shop(env).setQuantities(request.input(), request.key());
        List<Emission> emissions = context(env, Key.EMISSIONS);
        emissions.addAll(outcome.emissions());
        return outcome.result();
    }

    // --- Inventory ---------------------------------------------------------------------------------------------

    private static @Nullable Level inventoryLevel(DataFetchingEnvironment env) {
        long location = number(env.getArgument("locationId"), LOCATION_GID);
        SimulatedShop shop = shop(env);
        return location == shop.locationId() ? new Level(source(env, ItemView.class), location) : null;
    }

    private static List<Quantity> quantities(DataFetchingEnvironment env) {
        Level level = source(env, Level.class);
        List<String> names = env.getArgument("names");
        List<Quantity> quantities = new ArrayList<>();
        for (String name : Objects.requireNonNull(names)) {
            if (!SimulatedShop.QUANTITY_NAMES.contains(name)) {
                throw new FieldRefusal(
                        "Invalid quantity name '" + name + "'; expected one of "
                                + String.join(", ", SimulatedShop.QUANTITY_NAMES),
                        BAD_ARGUMENT);
            }
            quantities.add(new Quantity(level.item(), name));
        }
        return quantities;
    }

    private static List<SimulatedShop.Change> changes(DataFetchingEnvironment env) {
        SetResult result = source(env, SetResult.class);
        SimulatedShop shop = shop(env);
        @Nullable List<String> names = env.getArgument("quantityNames");
        @Nullable List<String> itemIds = env.getArgument("inventoryItemIds");
        @Nullable List<String> locationIds = env.getArgument("locationIds");
        String location = "gid://shopify/Location/" + shop.locationId();
        return result.changes().stream()
                .filter(c -> names == null || names.contains(c.name()))
                .filter(c -> itemIds == null || itemIds.contains("gid://shopify/InventoryItem/" + c.itemId()))
                .filter(c -> locationIds == null || locationIds.contains(location))
                .toList();
    }

    // --- Helpers -----------------------------------------------------------------------------------------------

    static SimulatedShop shop(DataFetchingEnvironment env) {
        return context(env, Key.SHOP);
    }

    // The key names the type it holds (see Key); the cast is the one place that knowledge is used.
    @SuppressWarnings("TypeParameterUnusedInFormals")
    static <T> T context(DataFetchingEnvironment env, Key key) {
        return Objects.requireNonNull(env.getGraphQlContext().<T>get(key), key.name());
    }

    static <T> T source(DataFetchingEnvironment env, Class<T> type) {
        return type.cast(Objects.requireNonNull(env.getSource(), "source"));
    }

    static <T> DataFetcher<String> gid(String resource, ToLongFunction<T> id) {
        return env -> {
            @SuppressWarnings("unchecked")
            T source = (T) Objects.requireNonNull(env.getSource());
            return "gid://shopify/" + resource + "/" + id.applyAsLong(source);
        };
    }

    /** A connection's page size; {@link QueryCost} has refused a missing or oversized one before anything ran. */
    static int first(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        return Objects.requireNonNull(first, "first");
    }

    static long number(@Nullable Object gid, Pattern pattern) {
        Matcher matcher = gid instanceof String text ? pattern.matcher(text) : null;
        if (matcher != null && matcher.matches()) {
            try {
                return Long.parseLong(matcher.group(1));
            } catch (NumberFormatException tooLarge) {
                // refused below, as any id Shopify could not have issued
            }
        }
        throw new FieldRefusal("Invalid global id '" + gid + "'", BAD_ARGUMENT);
    }
}
