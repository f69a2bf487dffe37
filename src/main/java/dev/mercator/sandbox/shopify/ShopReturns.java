package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.SimulatedShop.FulfillmentLineView;
import dev.mercator.sandbox.shopify.SimulatedShop.UserError;
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
 * A shop's returns as Shopify's Returns API models them. {@code returnCreate} takes back units of fulfillment line
 * items (never more than shipped and not yet returned) and opens one reverse fulfillment order; {@code
 * reverseFulfillmentOrderDispose} disposes its line items as RESTOCKED (back into available at the location, which is
 * then required, with its {@code inventory_levels/update}), NOT_RESTOCKED, MISSING or PROCESSING_REQUIRED, never beyond
 * a line item's quantity, all inputs or none. Units disposed PROCESSING_REQUIRED ("requires further processing before
 * being restocked or discarded", Shopify's enum says) can be disposed once more with a final type; a final disposition
 * takes units never disposed first, then processing ones. Each dispose sends {@code reverse_fulfillment_orders/dispose} per reverse
 * fulfillment order touched, in the shape Shopify documents: the line item is named by its own id only, so a consumer
 * reads the reverse fulfillment order to learn the order, the line and the disposition ids. Refusals are the
 * mutations' {@code userErrors} ({@code ReturnUserError}). Guarded by the shop's lock (calls come through
 * {@link SimulatedShop}).
 */
final class ShopReturns {

    static final List<String> DISPOSITION_TYPES =
            List.of("RESTOCKED", "NOT_RESTOCKED", "MISSING", "PROCESSING_REQUIRED");

    record LineRequest(long fulfillmentLineItemId, int quantity) {}

    record Disposal(
            long reverseFulfillmentOrderLineItemId,
            int quantity,
            @Nullable Long locationId,
            String dispositionType) {}

    /** A {@code ReverseFulfillmentOrderDisposition}. */
    record DispositionView(
            long id, int quantity, String type, @Nullable Long locationId) {}

    /** A {@code ReverseFulfillmentOrderLineItem}. */
    record RfoLineView(
            long id, int totalQuantity, FulfillmentLineView fulfillmentLine, List<DispositionView> dispositions) {}

    /** A {@code ReverseFulfillmentOrder}. */
    record RfoView(long id, long orderId, String status, List<RfoLineView> lines) {}

    /** A {@code Return}. */
    record ReturnView(long id, String name, String status, long orderId, List<RfoView> reverseFulfillmentOrders) {}

    record Created(@Nullable ReturnView created, List<UserError> userErrors) {}

    record Disposed(List<RfoLineView> lines, List<UserError> userErrors, List<Emission> emissions) {}

    private static final class RfoLine {
        final long id;
        final ShopOrders.FulfillmentLine fulfillmentLine;
        final int quantity;
        final List<DispositionView> dispositions = new ArrayList<>();
        /** Units not disposed at all yet. */
        int undisposed;
        /** Units disposed PROCESSING_REQUIRED and not yet given a final disposition. */
        int processing;

        RfoLine(long id, ShopOrders.FulfillmentLine fulfillmentLine, int quantity) {
            this.id = id;
            this.fulfillmentLine = fulfillmentLine;
            this.quantity = quantity;
            this.undisposed = quantity;
        }

        /** What a disposition of {@code type} may still take: processing units can be disposed once more, finally. */
        int disposable(String type) {
            return type.equals("PROCESSING_REQUIRED") ? undisposed : undisposed + processing;
        }

        /** A final disposition takes undisposed units first, then units waiting in processing. */
        void take(String type, int quantity) {
            int fromUndisposed = Math.min(quantity, undisposed);
            undisposed -= fromUndisposed;
            if (type.equals("PROCESSING_REQUIRED")) {
                processing += quantity;
            } else {
                processing -= quantity - fromUndisposed;
            }
        }

        RfoLineView view() {
            return new RfoLineView(
                    id, quantity, fulfillmentLine.view(fulfillmentLine.line.view()), List.copyOf(dispositions));
        }
    }

    private record Rfo(long id, long orderId, List<RfoLine> lines) {
        boolean closed() {
            return lines.stream().allMatch(line -> line.undisposed == 0 && line.processing == 0);
        }

        RfoView view() {
            return new RfoView(
                    id,
                    orderId,
                    closed() ? "CLOSED" : "OPEN",
                    lines.stream().map(RfoLine::view).toList());
        }
    }

    private record Return(long id, String name, Rfo rfo) {
        ReturnView view() {
            return new ReturnView(id, name, rfo.closed() ? "CLOSED" : "OPEN", rfo.orderId(), List.of(rfo.view()));
        }
    }

    private final ShopOrders orders;
    private final ShopInventory inventory;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Return> returns = new LinkedHashMap<>();
    private final Map<Long, Rfo> rfos = new LinkedHashMap<>();
    private final Map<Long, RfoLine> rfoLines = new LinkedHashMap<>();

    ShopReturns(ShopOrders orders, ShopInventory inventory, LongSupplier ids, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code returnCreate}: a return of shipped units, opened with its reverse fulfillment order. */
    Created create(long orderId, List<LineRequest> requested) {
        List<UserError> errors = new ArrayList<>();
        ShopOrders.Order order;
        try {
            order = orders.requireOrder(orderId);
        } catch (StoreRefusal unknown) {
            return new Created(null, List.of(error("Order does not exist.", "NOT_FOUND", "returnInput", "orderId")));
        }
        if (requested.isEmpty()) {
            return new Created(
                    null,
                    List.of(error("Return line items can't be blank.", "BLANK", "returnInput", "returnLineItems")));
        }
        Map<ShopOrders.FulfillmentLine, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            LineRequest request = requested.get(i);
            ShopOrders.FulfillmentLine line = orders.fulfillmentLine(order.id, request.fulfillmentLineItemId());
            if (line == null) {
                errors.add(error(
                        "Fulfillment line item does not exist.",
                        "NOT_FOUND",
                        "returnInput",
                        "returnLineItems",
                        Integer.toString(i),
                        "fulfillmentLineItemId"));
                continue;
            }
            int total = wanted.merge(line, request.quantity(), Integer::sum);
            if (request.quantity() < 1 || total > line.quantity - line.returned) {
                errors.add(error(
                        "Quantity is not returnable: " + (line.quantity - line.returned) + " unit(s) can be returned.",
                        "INVALID",
                        "returnInput",
                        "returnLineItems",
                        Integer.toString(i),
                        "quantity"));
            }
        }
        if (!errors.isEmpty()) {
            return new Created(null, errors);
        }
        List<RfoLine> lines = new ArrayList<>();
        wanted.forEach((line, quantity) -> {
            line.returned += quantity;
            line.line.returned += quantity;
            lines.add(new RfoLine(ids.getAsLong(), line, quantity));
        });
        Rfo rfo = new Rfo(ids.getAsLong(), order.id, lines);
        long count = returns.values().stream()
                .filter(r -> r.rfo().orderId() == order.id)
                .count();
        Return created = new Return(ids.getAsLong(), order.name() + "-R" + (count + 1), rfo);
        returns.put(created.id(), created);
        rfos.put(rfo.id(), rfo);
        lines.forEach(line -> rfoLines.put(line.id, line));
        order.updatedAt = clock.instant();
        return new Created(created.view(), List.of());
    }

    /** {@code reverseFulfillmentOrderDispose}: all inputs or none; one webhook per reverse fulfillment order. */
    Disposed dispose(List<Disposal> disposals) {
        List<UserError> errors = new ArrayList<>();
        if (disposals.isEmpty()) {
            errors.add(error("Disposition inputs can't be blank.", "BLANK", "dispositionInputs"));
        }
        // What each line may still take, as the inputs before this one leave it.
        Map<RfoLine, int[]> planned = new LinkedHashMap<>();
        for (int i = 0; i < disposals.size(); i++) {
            Disposal disposal = disposals.get(i);
            String at = Integer.toString(i);
            RfoLine line = rfoLines.get(disposal.reverseFulfillmentOrderLineItemId());
            if (line == null) {
                errors.add(error(
                        "Reverse fulfillment order line item does not exist.",
                        "NOT_FOUND",
                        "dispositionInputs",
                        at,
                        "reverseFulfillmentOrderLineItemId"));
                continue;
            }
            int[] state = planned.computeIfAbsent(line, l -> new int[] {l.undisposed, l.processing});
            String type = disposal.dispositionType();
            int disposable = type.equals("PROCESSING_REQUIRED") ? state[0] : state[0] + state[1];
            if (disposal.quantity() < 1 || disposal.quantity() > disposable) {
                errors.add(error(
                        "Quantity exceeds the " + disposable + " unit(s) left to dispose.",
                        "INVALID",
                        "dispositionInputs",
                        at,
                        "quantity"));
            } else {
                int fromUndisposed = Math.min(disposal.quantity(), state[0]);
                state[0] -= fromUndisposed;
                state[1] += type.equals("PROCESSING_REQUIRED")
                        ? disposal.quantity()
                        : -(disposal.quantity() - fromUndisposed);
            }
            if (disposal.dispositionType().equals("RESTOCKED")
                    && (disposal.locationId() == null || disposal.locationId() != inventory.locationId())) {
                errors.add(error(
                        "A location where the shop stocks the item is required to restock it.",
                        "INVALID",
                        "dispositionInputs",
                        at,
                        "locationId"));
            }
        }
        if (!errors.isEmpty()) {
            return new Disposed(List.of(), errors, List.of());
        }
        Instant now = clock.instant();
        Map<Rfo, List<Map<String, @Nullable Object>>> byRfo = new LinkedHashMap<>();
        List<Emission> levelUpdates = new ArrayList<>();
        List<RfoLine> touched = new ArrayList<>();
        for (Disposal disposal : disposals) {
            RfoLine line = rfoLines.get(disposal.reverseFulfillmentOrderLineItemId());
            if (line == null) {
                throw new IllegalStateException("checked above");
            }
            boolean restocked = disposal.dispositionType().equals("RESTOCKED");
            line.take(disposal.dispositionType(), disposal.quantity());
            line.dispositions.add(new DispositionView(
                    ids.getAsLong(),
                    disposal.quantity(),
                    disposal.dispositionType(),
                    restocked ? inventory.locationId() : null));
            if (restocked) {
                ShopInventory.Item item = inventory.find(line.fulfillmentLine.line.itemId);
                if (item != null) {
                    item.available += disposal.quantity();
                    item.updatedAt = now;
                    levelUpdates.add(inventory.levelUpdate(item, now));
                }
            }
            if (!touched.contains(line)) {
                touched.add(line);
            }
            byRfo.computeIfAbsent(rfoOf(line), rfo -> new ArrayList<>()).add(payload(line, disposal, restocked));
        }
        List<Emission> emissions = new ArrayList<>();
        byRfo.forEach((rfo, dispositions) -> {
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("id", rfo.id());
            payload.put("admin_graphql_api_id", "gid://shopify/ReverseFulfillmentOrder/" + rfo.id());
            payload.put("dispositions", dispositions);
            payload.put("total_dispositions", dispositions.size());
            emissions.add(new Emission("reverse_fulfillment_orders/dispose", payload));
        });
        emissions.addAll(levelUpdates);
        return new Disposed(touched.stream().map(RfoLine::view).toList(), List.of(), emissions);
    }

    @Nullable
    RfoView reverseFulfillmentOrder(long id) {
        Rfo rfo = rfos.get(id);
        return rfo == null ? null : rfo.view();
    }

    @Nullable
    ReturnView returnOf(long id) {
        Return found = returns.get(id);
        return found == null ? null : found.view();
    }

    private Map<String, @Nullable Object> payload(RfoLine line, Disposal disposal, boolean restocked) {
        Map<String, @Nullable Object> disposition = new LinkedHashMap<>();
        disposition.put(
                "reverse_fulfillment_order_line_item",
                Map.of(
                        "id",
                        line.id,
                        "admin_graphql_api_id",
                        "gid://shopify/ReverseFulfillmentOrderLineItem/" + line.id));
        disposition.put("reverse_delivery_line_item", null);
        disposition.put("type", disposal.dispositionType().toLowerCase(Locale.ROOT));
        disposition.put(
                "location",
                restocked
                        ? Map.of(
                                "id",
                                inventory.locationId(),
                                "admin_graphql_api_id",
                                "gid://shopify/Location/" + inventory.locationId())
                        : null);
        disposition.put("quantity", disposal.quantity());
        return disposition;
    }

    private Rfo rfoOf(RfoLine line) {
        return rfos.values().stream()
                .filter(rfo -> rfo.lines().contains(line))
                .findFirst()
                .orElseThrow();
    }

    private static UserError error(String message, String code, String... field) {
        return new UserError(List.of(field), message, code);
    }
}
