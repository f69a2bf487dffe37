package dev.mercator.sandbox.shopify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A shop's returns as Shopify's Returns API models them: a return of fulfilled lines opens one reverse fulfillment
 * order whose line items are disposed ({@code reverseFulfillmentOrderDispose}) as RESTOCKED (back into available at
 * the location, with its {@code inventory_levels/update}), NOT_RESTOCKED, MISSING or PROCESSING_REQUIRED; each dispose
 * sends {@code reverse_fulfillment_orders/dispose}. A line item cannot be disposed beyond its quantity. Guarded by the
 * shop's lock (every call comes through {@link SimulatedShop}).
 */
final class ShopReturns {

    static final List<String> DISPOSITION_TYPES =
            List.of("RESTOCKED", "NOT_RESTOCKED", "MISSING", "PROCESSING_REQUIRED");

    record LineRequest(long lineItemId, int quantity) {}

    record Disposal(long reverseFulfillmentOrderLineItemId, int quantity, String dispositionType) {}

    private static final class RfoLine {
        final long id;
        final long fulfillmentLineItemId;
        final ShopOrders.Line line;
        final int quantity;
        int disposed;

        RfoLine(long id, long fulfillmentLineItemId, ShopOrders.Line line, int quantity) {
            this.id = id;
            this.fulfillmentLineItemId = fulfillmentLineItemId;
            this.line = line;
            this.quantity = quantity;
        }
    }

    private record Rfo(long id, long returnId, long orderId, List<RfoLine> lines) {}

    private final ShopOrders orders;
    private final ShopInventory inventory;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Rfo> rfos = new LinkedHashMap<>();
    private final Map<Long, Rfo> rfoByLine = new LinkedHashMap<>();

    ShopReturns(ShopOrders orders, ShopInventory inventory, LongSupplier ids, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code returnCreate}: a return of fulfilled units, opened with its reverse fulfillment order. */
    Map<String, @Nullable Object> create(long orderId, List<LineRequest> requested) {
        ShopOrders.Order order = orders.requireOrder(orderId);
        if (requested.isEmpty()) {
            throw StoreRefusal.badRequest("A return needs at least one line");
        }
        long returnId = ids.getAsLong();
        List<RfoLine> lines = new ArrayList<>();
        for (LineRequest request : requested) {
            ShopOrders.Line line = order.lines.stream()
                    .filter(l -> l.id == request.lineItemId())
                    .findFirst()
                    .orElseThrow(() -> StoreRefusal.badRequest(
                            "Order " + order.name() + " has no line item " + request.lineItemId()));
            if (request.quantity() < 1 || request.quantity() > line.fulfilled - line.returned) {
                throw StoreRefusal.badRequest("Only fulfilled units can be returned: line " + line.id + " has "
                        + (line.fulfilled - line.returned));
            }
            line.returned += request.quantity();
            lines.add(new RfoLine(ids.getAsLong(), ids.getAsLong(), line, request.quantity()));
        }
        Rfo rfo = new Rfo(ids.getAsLong(), returnId, orderId, lines);
        rfos.put(rfo.id(), rfo);
        lines.forEach(line -> rfoByLine.put(line.id, rfo));
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("id", returnId);
        view.put("admin_graphql_api_id", "gid://shopify/Return/" + returnId);
        view.put("status", "OPEN");
        view.put(
                "reverse_fulfillment_order",
                Map.of(
                        "id",
                        rfo.id(),
                        "line_items",
                        lines.stream()
                                .map(l -> Map.of("id", l.id, "line_item_id", l.line.id, "total_quantity", l.quantity))
                                .toList()));
        return view;
    }

    /** {@code reverseFulfillmentOrderDispose}: one webhook per reverse fulfillment order touched. */
    SimulatedShop.StoreChange<Map<String, @Nullable Object>> dispose(List<Disposal> disposals) {
        if (disposals.isEmpty()) {
            throw StoreRefusal.badRequest("dispositionInputs must not be empty");
        }
        for (Disposal disposal : disposals) {
            if (!DISPOSITION_TYPES.contains(disposal.dispositionType())) {
                throw StoreRefusal.badRequest("dispositionType must be one of " + DISPOSITION_TYPES);
            }
            RfoLine line = line(disposal.reverseFulfillmentOrderLineItemId());
            if (disposal.quantity() < 1 || disposal.quantity() > line.quantity - line.disposed) {
                throw StoreRefusal.badRequest("Line item " + line.id + " has " + (line.quantity - line.disposed)
                        + " unit(s) left to dispose");
            }
        }
        Instant now = clock.instant();
        Map<Long, List<Map<String, @Nullable Object>>> byRfo = new LinkedHashMap<>();
        List<Emission> emissions = new ArrayList<>();
        for (Disposal disposal : disposals) {
            RfoLine line = line(disposal.reverseFulfillmentOrderLineItemId());
            line.disposed += disposal.quantity();
            if (disposal.dispositionType().equals("RESTOCKED")) {
                ShopInventory.Item item = inventory.find(line.line.itemId);
                if (item != null) {
                    item.available += disposal.quantity();
                    item.updatedAt = now;
                    emissions.add(inventory.levelUpdate(item, now));
                }
            }
            Map<String, @Nullable Object> disposition = new LinkedHashMap<>();
            disposition.put(
                    "reverse_fulfillment_order_line_item",
                    Map.of(
                            "id",
                            line.id,
                            "admin_graphql_api_id",
                            "gid://shopify/ReverseFulfillmentOrderLineItem/" + line.id,
                            "fulfillment_line_item",
                            Map.of(
                                    "id",
                                    line.fulfillmentLineItemId,
                                    "admin_graphql_api_id",
                                    "gid://shopify/FulfillmentLineItem/" + line.fulfillmentLineItemId,
                                    "line_item",
                                    Map.of(
                                            "id",
                                            line.line.id,
                                            "admin_graphql_api_id",
                                            "gid://shopify/LineItem/" + line.line.id))));
            disposition.put("reverse_delivery_line_item", null);
            disposition.put("type", disposal.dispositionType().toLowerCase(Locale.ROOT));
            disposition.put(
                    "location",
                    disposal.dispositionType().equals("RESTOCKED")
                            ? Map.of(
                                    "id",
                                    inventory.locationId(),
                                    "admin_graphql_api_id",
                                    "gid://shopify/Location/" + inventory.locationId())
                            : null);
            disposition.put("quantity", disposal.quantity());
            byRfo.computeIfAbsent(rfoOf(line.id).id(), id -> new ArrayList<>()).add(disposition);
        }
        List<Map<String, @Nullable Object>> payloads = new ArrayList<>();
        byRfo.forEach((rfoId, dispositions) -> {
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("id", rfoId);
            payload.put("admin_graphql_api_id", "gid://shopify/ReverseFulfillmentOrder/" + rfoId);
            payload.put("total_dispositions", dispositions.size());
            payload.put("dispositions", dispositions);
            payloads.add(payload);
            emissions.addFirst(new Emission("reverse_fulfillment_orders/dispose", payload));
        });
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("reverseFulfillmentOrders", payloads);
        return new SimulatedShop.StoreChange<>(view, emissions);
    }

    private RfoLine line(long id) {
        return rfoOf(id).lines().stream().filter(l -> l.id == id).findFirst().orElseThrow();
    }

    private Rfo rfoOf(long lineId) {
        Rfo rfo = rfoByLine.get(lineId);
        if (rfo == null) {
            throw StoreRefusal.notFound("No reverse fulfillment order line item " + lineId);
        }
        return rfo;
    }
}
