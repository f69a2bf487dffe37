package dev.mercator.sandbox.shopify;

import static dev.mercator.sandbox.shopify.AdminSchema.context;
import static dev.mercator.sandbox.shopify.AdminSchema.first;
import static dev.mercator.sandbox.shopify.AdminSchema.gid;
import static dev.mercator.sandbox.shopify.AdminSchema.number;
import static dev.mercator.sandbox.shopify.AdminSchema.shop;
import static dev.mercator.sandbox.shopify.AdminSchema.source;

import dev.mercator.sandbox.shopify.AdminSchema.LocationRef;
import dev.mercator.sandbox.shopify.Pages.Position;
import dev.mercator.sandbox.shopify.ShopReturns.DispositionView;
import dev.mercator.sandbox.shopify.ShopReturns.ReturnView;
import dev.mercator.sandbox.shopify.ShopReturns.RfoLineView;
import dev.mercator.sandbox.shopify.ShopReturns.RfoView;
import dev.mercator.sandbox.shopify.SimulatedShop.FulfillmentLineView;
import dev.mercator.sandbox.shopify.SimulatedShop.FulfillmentView;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Returns API slice of the simulator's schema: {@code returnCreate} and {@code reverseFulfillmentOrderDispose} as
 * a merchant or returns app calls them, and the {@code return} and {@code reverseFulfillmentOrder} reads a consumer of
 * {@code reverse_fulfillment_orders/dispose} needs, since that webhook names only the line items.
 */
final class ReturnsWiring {

    private static final Pattern ORDER_GID = Pattern.compile("gid://shopify/Order/([0-9]{1,19})");
    private static final Pattern RETURN_GID = Pattern.compile("gid://shopify/Return/([0-9]{1,19})");
    private static final Pattern RFO_GID = Pattern.compile("gid://shopify/ReverseFulfillmentOrder/([0-9]{1,19})");
    private static final Pattern RFO_LINE_GID =
            Pattern.compile("gid://shopify/ReverseFulfillmentOrderLineItem/([0-9]{1,19})");
    private static final Pattern FULFILLMENT_LINE_GID =
            Pattern.compile("gid://shopify/FulfillmentLineItem/([0-9]{1,19})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,19})");

    private ReturnsWiring() {}

    static void wire(RuntimeWiring.Builder wiring) {
        wiring.type(
                        "QueryRoot",
                        type -> type.dataFetcher(
                                        "return", env -> shop(env).returnOf(number(env.getArgument("id"), RETURN_GID)))
                                .dataFetcher(
                                        "reverseFulfillmentOrder",
                                        env -> shop(env)
                                                .reverseFulfillmentOrder(number(env.getArgument("id"), RFO_GID))))
                .type(
                        "Mutation",
                        type -> type.dataFetcher("returnCreate", ReturnsWiring::returnCreate)
                                .dataFetcher("reverseFulfillmentOrderDispose", ReturnsWiring::dispose))
                .type(
                        "Fulfillment",
                        type -> type.dataFetcher("id", gid("Fulfillment", FulfillmentView::id))
                                .dataFetcher(
                                        "fulfillmentLineItems",
                                        env -> Pages.page(
                                                source(env, FulfillmentView.class)
                                                        .lines(),
                                                line -> new Position(line.id(), line.id()),
                                                false,
                                                first(env),
                                                env.getArgument("after"))))
                .type(
                        "FulfillmentLineItem",
                        type -> type.dataFetcher("id", gid("FulfillmentLineItem", FulfillmentLineView::id))
                                .dataFetcher(
                                        "lineItem",
                                        env -> source(env, FulfillmentLineView.class)
                                                .line()))
                .type(
                        "Return",
                        type -> type.dataFetcher("id", gid("Return", ReturnView::id))
                                .dataFetcher(
                                        "order",
                                        env -> shop(env)
                                                .orderView(source(env, ReturnView.class)
                                                        .orderId()))
                                .dataFetcher(
                                        "reverseFulfillmentOrders",
                                        env -> Pages.page(
                                                source(env, ReturnView.class).reverseFulfillmentOrders(),
                                                rfo -> new Position(rfo.id(), rfo.id()),
                                                false,
                                                first(env),
                                                env.getArgument("after"))))
                .type(
                        "ReverseFulfillmentOrder",
                        type -> type.dataFetcher("id", gid("ReverseFulfillmentOrder", RfoView::id))
                                .dataFetcher(
                                        "order",
                                        env -> shop(env)
                                                .orderView(source(env, RfoView.class)
                                                        .orderId()))
                                .dataFetcher(
                                        "lineItems",
                                        env -> Pages.page(
                                                source(env, RfoView.class).lines(),
                                                line -> new Position(line.id(), line.id()),
                                                false,
                                                first(env),
                                                env.getArgument("after"))))
                .type(
                        "ReverseFulfillmentOrderLineItem",
                        type -> type.dataFetcher("id", gid("ReverseFulfillmentOrderLineItem", RfoLineView::id))
                                .dataFetcher(
                                        "fulfillmentLineItem",
                                        env -> source(env, RfoLineView.class).fulfillmentLine()))
                .type(
                        "ReverseFulfillmentOrderDisposition",
                        type -> type.dataFetcher("id", gid("ReverseFulfillmentOrderDisposition", DispositionView::id))
                                .dataFetcher("location", env -> {
                                    Long location =
                                            source(env, DispositionView.class).locationId();
                                    return location == null ? null : new LocationRef(location);
                                }));
    }

    private static Map<String, @Nullable Object> returnCreate(DataFetchingEnvironment env) {
        Map<String, Object> input = Objects.requireNonNull(env.getArgument("returnInput"));
        long orderId = number(input.get("orderId"), ORDER_GID);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) input.get("returnLineItems");
        ShopReturns.Created created = shop(env)
                .createReturn(
                        orderId,
                        Objects.requireNonNull(lines).stream()
                                .map(line -> new ShopReturns.LineRequest(
                                        number(line.get("fulfillmentLineItemId"), FULFILLMENT_LINE_GID),
                                        ((Number) Objects.requireNonNull(line.get("quantity"))).intValue()))
                                .toList());
        Map<String, @Nullable Object> payload = new LinkedHashMap<>();
        payload.put("return", created.created());
        payload.put("userErrors", created.userErrors());
        return payload;
    }

    private static Map<String, @Nullable Object> dispose(DataFetchingEnvironment env) {
        List<Map<String, Object>> inputs = Objects.requireNonNull(env.getArgument("dispositionInputs"));
        ShopReturns.Disposed disposed = shop(env)
                .dispose(inputs.stream()
                        .map(input -> new ShopReturns.Disposal(
                                number(input.get("reverseFulfillmentOrderLineItemId"), RFO_LINE_GID),
                                ((Number) Objects.requireNonNull(input.get("quantity"))).intValue(),
                                input.get("locationId") == null ? null : number(input.get("locationId"), LOCATION_GID),
                                String.valueOf(input.get("dispositionType"))))
                        .toList());
        List<Emission> emissions = context(env, AdminSchema.Key.EMISSIONS);
        emissions.addAll(disposed.emissions());
        Map<String, @Nullable Object> payload = new LinkedHashMap<>();
        payload.put("reverseFulfillmentOrderLineItems", disposed.userErrors().isEmpty() ? disposed.lines() : null);
        payload.put("userErrors", disposed.userErrors());
        return payload;
    }
}
