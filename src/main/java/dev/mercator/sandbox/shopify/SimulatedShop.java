package dev.mercator.sandbox.shopify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One simulated Shopify store: its registration, its cost bucket ({@link CostBucket}), its inventory at its one
 * location with the idempotency keys of its writes ({@link ShopInventory}) and its orders ({@link ShopOrders}). Every
 * method is synchronized on the shop and the parts are touched only through it: a shop is a small piece of state and
 * Shopify itself serialises writes to one inventory level. Methods that change stock return the webhooks the change
 * triggers; the caller hands them to {@link WebhookDeliveries} once the lock is released. A change the store will not
 * make is a {@link StoreRefusal}: the model knows nothing of HTTP. Readers get immutable views ({@link ItemView},
 * {@link OrderView}) taken under the lock, which the Admin GraphQL answers from.
 */
final class SimulatedShop {

    static final List<String> QUANTITY_NAMES = List.of(
            "available", "on_hand", "committed", "reserved", "incoming", "damaged", "quality_control", "safety_stock");

    /** What a shop is registered with; replaced as a whole by a new registration. */
    record Config(
            String accessToken, String webhookSecret, int bucketSize, double restoreRate, DeliveryOptions delivery) {

        @Override
        public String toString() {
            return "Config[bucketSize=" + bucketSize + ", restoreRate=" + restoreRate + "]";
        }
    }

    /** The cost bucket as Shopify reports it in {@code extensions.cost.throttleStatus}. */
    record ThrottleStatus(double maximumAvailable, int currentlyAvailable, double restoreRate) {}

    record ItemView(
            long id,
            String sku,
            long variantId,
            int available,
            int committed,
            boolean continueSelling,
            int contention,
            Instant updatedAt) {

        int onHand() {
            return available + committed;
        }

        int quantity(String name) {
            return switch (name) {
                case "available" -> available;
                case "on_hand" -> onHand();
                case "committed" -> committed;
                default -> 0;
            };
        }
    }

    /** The counters a test or a benchmark reads to see what the shop went through. */
    record Counters(
            long graphqlRequests,
            long throttled,
            long mutationsApplied,
            long staleRejections,
            long idempotentReplays,
            long userErrors) {}

    /** One entry of {@code inventorySetQuantities}' input, as given. */
    record QuantityInput(
            String inventoryItemId,
            String locationId,
            long quantity,
            boolean changeFromGiven,
            @Nullable Long changeFromQuantity) {}

    /** {@code InventorySetQuantitiesInput}, coerced; its {@code toString} is the idempotency fingerprint. */
    record SetQuantities(
            String name, String reason, @Nullable String referenceDocumentUri, List<QuantityInput> quantities) {}

    /** One applied change, as {@code InventoryChange}. */
    record Change(String name, int delta, int quantityAfterChange, long itemId, String sku) {}

    /** The payload of {@code inventorySetQuantities}: either a group of changes or user errors. */
    record SetResult(
            @Nullable Long groupId,
            Instant at,
            String reason,
            @Nullable String referenceDocumentUri,
            List<Change> changes,
            List<UserError> userErrors) {}

    record UserError(@Nullable List<String> field, String message, String code) {}

    record SetOutcome(SetResult result, List<Emission> emissions) {}

    record StoreChange<T>(T view, List<Emission> emissions) {}

    /** An order as its Admin GraphQL {@code Order} shows it, taken under the shop's lock. */
    record OrderView(
            long id,
            int number,
            String name,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant cancelledAt,
            List<LineView> lines,
            List<RefundView> refunds,
            List<FulfillmentView> fulfillments) {}

    /** A fulfillment (shipment) as its Admin GraphQL {@code Fulfillment} shows it. */
    record FulfillmentView(long id, List<FulfillmentLineView> lines) {}

    /** A {@code FulfillmentLineItem}: the units of one order line that shipped; what a return names. */
    record FulfillmentLineView(long id, int quantity, LineView line) {}

    /** {@code currentQuantity} is the webhooks' {@code current_quantity}: ordered less cancelled. */
    record LineView(long id, String sku, long variantId, int quantity, int currentQuantity) {}

    /** A refund, a cancellation that restocked included. */
    record RefundView(long id, Instant createdAt, List<RefundLineView> lines) {}

    /** {@code restockType} as the webhooks carry it: {@code cancel}, {@code return} or {@code no_restock}. */
    record RefundLineView(long id, int quantity, String restockType, LineView line) {}

    record OrderLineRequest(@Nullable String sku, @Nullable String inventoryItemId, int quantity) {}

    record RefundLineRequest(long lineItemId, int quantity, String restockType) {}

    private Config config;
    private final CostBucket bucket;
    private final ShopInventory inventory;
    private final ShopOrders orders;
    private final ShopReturns returns;

    SimulatedShop(String domain, long locationId, Config config, LongSupplier ids, Clock clock) {
        this.config = config;
        this.bucket = new CostBucket(config.bucketSize(), config.restoreRate(), clock);
        this.inventory = new ShopInventory(domain, locationId, ids, clock);
        this.orders = new ShopOrders(inventory, ids, clock);
        this.returns = new ShopReturns(orders, inventory, ids, clock);
    }

    String domain() {
        return inventory.domain();
    }

    long locationId() {
        return inventory.locationId();
    }

    synchronized Config config() {
        return config;
    }

    synchronized void reconfigure(Config replacement) {
        bucket.resize(replacement.bucketSize(), replacement.restoreRate());
        config = replacement;
    }

    /** Constant-time, as a real API compares credentials. */
    synchronized boolean acceptsToken(@Nullable String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        config.accessToken().getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8));
    }

    // --- Cost bucket -------------------------------------------------------------------------------------------

    /** Takes {@code cost} points if the bucket holds them; a request that finds too few is throttled whole. */
    synchronized boolean take(int cost) {
        return bucket.take(cost);
    }

    synchronized ThrottleStatus throttleStatus() {
        return bucket.status();
    }

    synchronized Counters counters() {
        return new Counters(
                bucket.requests(),
                bucket.throttled(),
                inventory.mutationsApplied(),
                inventory.staleRejections(),
                inventory.idempotentReplays(),
                inventory.userErrors());
    }

    // --- Admin API -----------------------------------------------------------------------------------------------

    synchronized @Nullable ItemView item(long id) {
        return inventory.item(id);
    }

    /** {@code inventorySetQuantities}; see {@link ShopInventory#setQuantities}. */
    synchronized SetOutcome setQuantities(SetQuantities input, @Nullable String key) {
        return inventory.setQuantities(input, key);
    }

    // --- The store's own life: what the merchant and customers do -----------------------------------------------

    synchronized ItemView createItem(@Nullable Long id, String sku, int available, boolean continueSelling) {
        return inventory.createItem(id, sku, available, continueSelling);
    }

    /** A manual edit in Shopify admin (or a change of the simulated contention). */
    synchronized StoreChange<ItemView> editItem(
            long id, @Nullable Integer available, @Nullable Integer delta, @Nullable Integer contention) {
        return inventory.editItem(id, available, delta, contention);
    }

    synchronized List<ItemView> items() {
        return inventory.items();
    }

    synchronized StoreChange<Map<String, @Nullable Object>> placeOrder(List<OrderLineRequest> requested) {
        return orders.placeOrder(requested);
    }

    synchronized StoreChange<Map<String, @Nullable Object>> cancelOrder(long orderId, boolean restock, String reason) {
        return orders.cancelOrder(orderId, restock, reason);
    }

    /** Ships every open unit: committed units leave the building, available does not move (no webhook). */
    synchronized Map<String, @Nullable Object> fulfillOrder(long orderId) {
        return orders.fulfillOrder(orderId);
    }

    /** A refund; see {@link ShopOrders#refund}. */
    synchronized StoreChange<Map<String, @Nullable Object>> refund(
            long orderId, List<RefundLineRequest> requested, @Nullable String note) {
        return orders.refund(orderId, requested, note);
    }

    /** Every order, oldest first, as it stands now. */
    synchronized List<OrderView> orders() {
        return orders.orders();
    }

    synchronized Map<String, @Nullable Object> order(long orderId) {
        return orders.order(orderId);
    }

    /** {@code returnCreate}; see {@link ShopReturns#create}. */
    synchronized ShopReturns.Created createReturn(long orderId, List<ShopReturns.LineRequest> lines) {
        return returns.create(orderId, lines);
    }

    /** {@code reverseFulfillmentOrderDispose}; see {@link ShopReturns#dispose}. */
    synchronized ShopReturns.Disposed dispose(List<ShopReturns.Disposal> disposals) {
        return returns.dispose(disposals);
    }

    synchronized ShopReturns.@Nullable RfoView reverseFulfillmentOrder(long id) {
        return returns.reverseFulfillmentOrder(id);
    }

    synchronized ShopReturns.@Nullable ReturnView returnOf(long id) {
        return returns.returnOf(id);
    }

    /** The order as its Admin GraphQL {@code Order} shows it now, if the shop has it. */
    synchronized @Nullable OrderView orderView(long id) {
        return orders.orderView(id);
    }
}
