package dev.mercator.sandbox.shopify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One simulated Shopify store: its inventory at its one location, its orders, its cost bucket and its idempotency
 * keys. Every method is synchronized: a shop is a small piece of state and Shopify itself serialises writes to one
 * inventory level. Methods that change stock return the webhooks the change triggers; the caller hands them to
 * {@link WebhookDeliveries} once the lock is released. A change the store will not make is a {@link StoreRefusal}:
 * the model knows nothing of HTTP. Readers get immutable views ({@link ItemView}, {@link OrderView}) taken under the
 * lock, which the Admin GraphQL answers from.
 */
final class SimulatedShop {

    static final Set<String> REASONS = Set.of(
            "correction",
            "cycle_count_available",
            "damaged",
            "movement_created",
            "movement_updated",
            "movement_received",
            "movement_canceled",
            "other",
            "promotion",
            "quality_control",
            "received",
            "reservation_created",
            "reservation_deleted",
            "reservation_updated",
            "restock",
            "safety_stock",
            "shrinkage");
    static final List<String> QUANTITY_NAMES = List.of(
            "available", "on_hand", "committed", "reserved", "incoming", "damaged", "quality_control", "safety_stock");
    static final int MAX_QUANTITY = 1_000_000_000;
    private static final int KEYS_KEPT = 10_000;
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,19})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,19})");

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
            List<RefundView> refunds) {}

    /** {@code currentQuantity} is the webhooks' {@code current_quantity}: ordered less cancelled. */
    record LineView(long id, String sku, long variantId, int quantity, int currentQuantity) {}

    /** A refund, a cancellation that restocked included. */
    record RefundView(long id, Instant createdAt, List<RefundLineView> lines) {}

    /** {@code restockType} as the webhooks carry it: {@code cancel}, {@code return} or {@code no_restock}. */
    record RefundLineView(long id, int quantity, String restockType, LineView line) {}

    record OrderLineRequest(@Nullable String sku, @Nullable String inventoryItemId, int quantity) {}

    record RefundLineRequest(long lineItemId, int quantity, String restockType) {}

    private record Cached(String fingerprint, SetResult result) {}

    private final String domain;
    private final long locationId;
    private final LongSupplier ids;
    private final Clock clock;
    private Config config;
    private double tokens;
    private long refilledAt;
    private final Map<Long, Item> items = new LinkedHashMap<>();
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<String, Cached> keys = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > KEYS_KEPT;
        }
    };
    private int nextOrderNumber = 1001;
    private long graphqlRequests;
    private long throttled;
    private long mutationsApplied;
    private long staleRejections;
    private long idempotentReplays;
    private long userErrors;

    SimulatedShop(String domain, long locationId, Config config, LongSupplier ids, Clock clock) {
        this.domain = domain;
        this.locationId = locationId;
        this.config = config;
        this.ids = ids;
        this.clock = clock;
        this.tokens = config.bucketSize();
        this.refilledAt = System.nanoTime();
    }

    String domain() {
        return domain;
    }

    long locationId() {
        return locationId;
    }

    synchronized Config config() {
        return config;
    }

    synchronized void reconfigure(Config replacement) {
        refill();
        config = replacement;
        tokens = Math.min(tokens, replacement.bucketSize());
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
        graphqlRequests++;
        refill();
        if (tokens < cost) {
            throttled++;
            return false;
        }
        tokens -= cost;
        return true;
    }

    synchronized ThrottleStatus throttleStatus() {
        refill();
        return new ThrottleStatus(config.bucketSize(), (int) Math.floor(tokens), config.restoreRate());
    }

    private void refill() {
        long now = System.nanoTime();
        double elapsed = (now - refilledAt) / 1e9;
        tokens = Math.min(config.bucketSize(), tokens + elapsed * config.restoreRate());
        refilledAt = now;
    }

    synchronized Counters counters() {
        return new Counters(
                graphqlRequests, throttled, mutationsApplied, staleRejections, idempotentReplays, userErrors);
    }

    // --- Admin API -----------------------------------------------------------------------------------------------

    synchronized @Nullable ItemView item(long id) {
        Item item = items.get(id);
        return item == null ? null : item.view();
    }

    /**
     * {@code inventorySetQuantities} under 2026-04 rules: all or nothing; an integer {@code changeFromQuantity} must
     * equal the current quantity ({@code CHANGE_FROM_QUANTITY_STALE} otherwise); the same idempotency key with the
     * same input returns the first result without applying anything, with another input it is refused.
     */
    synchronized SetOutcome setQuantities(SetQuantities input, @Nullable String key) {
        Instant now = clock.instant();
        String fingerprint = input.toString();
        if (key != null) {
            Cached cached = keys.get(key);
            if (cached != null) {
                if (cached.fingerprint().equals(fingerprint)) {
                    idempotentReplays++;
                    return new SetOutcome(cached.result(), List.of());
                }
                userErrors++;
                return new SetOutcome(
                        failed(
                                input,
                                now,
                                List.of(new UserError(
                                        null,
                                        "The idempotency key was already used with different parameters.",
                                        "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"))),
                        List.of());
            }
        }
        List<Emission> emissions = new ArrayList<>();
        SetResult result = apply(input, now, emissions);
        if (key != null) {
            keys.put(key, new Cached(fingerprint, result));
        }
        return new SetOutcome(result, emissions);
    }

    private SetResult apply(SetQuantities input, Instant now, List<Emission> emissions) {
        List<UserError> errors = new ArrayList<>();
        if (!input.name().equals("available") && !input.name().equals("on_hand")) {
            errors.add(new UserError(
                    List.of("input", "name"),
                    "The quantity name must be either 'available' or 'on_hand'.",
                    "INVALID_NAME"));
        }
        if (!REASONS.contains(input.reason())) {
            errors.add(new UserError(List.of("input", "reason"), "The specified reason is invalid.", "INVALID_REASON"));
        }
        String uri = input.referenceDocumentUri();
        if (uri != null && !uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
            errors.add(new UserError(
                    List.of("input", "referenceDocumentUri"),
                    "The reference document URI is invalid.",
                    "INVALID_REFERENCE_DOCUMENT"));
        }
        List<Item> targets = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < input.quantities().size(); i++) {
            QuantityInput entry = input.quantities().get(i);
            String index = Integer.toString(i);
            Item item = itemOf(entry.inventoryItemId());
            if (item == null) {
                errors.add(new UserError(
                        List.of("input", "quantities", index, "inventoryItemId"),
                        "The specified inventory item could not be found.",
                        "INVALID_INVENTORY_ITEM"));
            } else if (!seen.add(item.id)) {
                errors.add(new UserError(
                        List.of("input", "quantities", index),
                        "The combination of inventoryItemId and locationId must be unique.",
                        "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"));
            }
            Matcher location = LOCATION_GID.matcher(entry.locationId());
            if (!location.matches() || Long.parseLong(location.group(1)) != locationId) {
                errors.add(new UserError(
                        List.of("input", "quantities", index, "locationId"),
                        "The specified location could not be found.",
                        "INVALID_LOCATION"));
            }
            if (entry.quantity() > MAX_QUANTITY) {
                errors.add(new UserError(
                        List.of("input", "quantities", index, "quantity"),
                        "The quantity can't be higher than 1,000,000,000.",
                        "INVALID_QUANTITY_TOO_HIGH"));
            } else if (entry.quantity() < -MAX_QUANTITY) {
                errors.add(new UserError(
                        List.of("input", "quantities", index, "quantity"),
                        "The quantity can't be lower than -1,000,000,000.",
                        "INVALID_QUANTITY_TOO_LOW"));
            } else if (entry.quantity() < 0 && input.name().equals("on_hand")) {
                errors.add(new UserError(
                        List.of("input", "quantities", index, "quantity"),
                        "The on_hand quantity can't be negative.",
                        "INVALID_QUANTITY_NEGATIVE"));
            }
            if (item != null) {
                targets.add(item);
            }
        }
        if (!errors.isEmpty()) {
            userErrors++;
            return failed(input, now, errors);
        }
        // Another app or the point of sale writing to the same levels at the same moment (see Item.contention).
        for (Item item : targets) {
            if (item.contention != 0) {
                item.available += item.contention;
                item.updatedAt = now;
                emissions.add(levelUpdate(item, now));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            QuantityInput entry = input.quantities().get(i);
            Long expected = entry.changeFromQuantity();
            if (expected != null && expected != targets.get(i).view().quantity(input.name())) {
                errors.add(new UserError(
                        List.of("input", "quantities", Integer.toString(i), "changeFromQuantity"),
                        "The changeFromQuantity argument no longer matches the persisted quantity.",
                        "CHANGE_FROM_QUANTITY_STALE"));
            }
        }
        if (!errors.isEmpty()) {
            staleRejections++;
            userErrors++;
            return failed(input, now, errors);
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Item item = targets.get(i);
            int delta =
                    (int) (input.quantities().get(i).quantity() - item.view().quantity(input.name()));
            // Setting either name moves the other by the same delta: committed units stay where they are.
            item.available += delta;
            changes.add(new Change("available", delta, item.available, item.id, item.sku));
            changes.add(new Change("on_hand", delta, item.view().onHand(), item.id, item.sku));
            if (delta != 0) {
                item.updatedAt = now;
                emissions.add(levelUpdate(item, now));
            }
        }
        mutationsApplied++;
        return new SetResult(ids.getAsLong(), now, input.reason(), uri, changes, List.of());
    }

    private static SetResult failed(SetQuantities input, Instant now, List<UserError> errors) {
        return new SetResult(null, now, input.reason(), input.referenceDocumentUri(), List.of(), List.copyOf(errors));
    }

    private @Nullable Item itemOf(String gid) {
        Matcher matcher = ITEM_GID.matcher(gid);
        return matcher.matches() ? items.get(Long.parseLong(matcher.group(1))) : null;
    }

    // --- The store's own life: what the merchant and customers do -----------------------------------------------

    synchronized ItemView createItem(@Nullable Long id, String sku, int available, boolean continueSelling) {
        long itemId = id != null ? id : ids.getAsLong();
        if (items.containsKey(itemId)) {
            throw StoreRefusal.conflict("Inventory item " + itemId + " already exists in " + domain);
        }
        if (items.values().stream().anyMatch(existing -> existing.sku.equals(sku))) {
            throw StoreRefusal.conflict("SKU " + sku + " already exists in " + domain);
        }
        Item item = new Item(itemId, sku, ids.getAsLong(), ids.getAsLong(), clock.instant());
        item.available = available;
        item.continueSelling = continueSelling;
        items.put(itemId, item);
        return item.view();
    }

    /** A manual edit in Shopify admin (or a change of the simulated contention). */
    synchronized StoreChange<ItemView> editItem(
            long id, @Nullable Integer available, @Nullable Integer delta, @Nullable Integer contention) {
        Item item = requireItem(id);
        List<Emission> emissions = new ArrayList<>();
        Instant now = clock.instant();
        int target = available != null ? available : item.available + (delta == null ? 0 : delta);
        if (Math.abs((long) target) > MAX_QUANTITY) {
            throw StoreRefusal.badRequest("available must stay within ±1,000,000,000");
        }
        if (target != item.available) {
            item.available = target;
            item.updatedAt = now;
            emissions.add(levelUpdate(item, now));
        }
        if (contention != null) {
            item.contention = contention;
        }
        return new StoreChange<>(item.view(), emissions);
    }

    synchronized List<ItemView> items() {
        return items.values().stream().map(Item::view).toList();
    }

    synchronized StoreChange<Map<String, @Nullable Object>> placeOrder(List<OrderLineRequest> requested) {
        if (requested.isEmpty()) {
            throw StoreRefusal.badRequest("An order needs at least one line");
        }
        Instant now = clock.instant();
        List<Item> lineItems = new ArrayList<>();
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (OrderLineRequest line : requested) {
            if (line.quantity() < 1 || line.quantity() > 100_000) {
                throw StoreRefusal.badRequest("Line quantities must be between 1 and 100000");
            }
            Item item = resolve(line);
            lineItems.add(item);
            wanted.merge(item.id, line.quantity(), Integer::sum);
        }
        for (Map.Entry<Long, Integer> want : wanted.entrySet()) {
            Item item = items.get(want.getKey());
            if (item != null && !item.continueSelling && item.available < want.getValue()) {
                throw StoreRefusal.shortOfStock(
                        "Not enough stock of " + item.sku + ": " + item.available + " available, " + want.getValue()
                                + " ordered",
                        item.available);
            }
        }
        int number = nextOrderNumber++;
        Order order = new Order(ids.getAsLong(), number, now);
        List<Emission> emissions = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Item item = lineItems.get(i);
            int quantity = requested.get(i).quantity();
            order.lines.add(new Line(ids.getAsLong(), item, quantity));
            // Shopify commits ordered units at once: available falls, on hand stays until fulfilment.
            item.available -= quantity;
            item.committed += quantity;
            item.updatedAt = now;
        }
        orders.put(order.id, order);
        emissions.add(new Emission("orders/create", ShopifyPayloads.order(order)));
        for (Long itemId : wanted.keySet()) {
            emissions.add(levelUpdate(requireItem(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.order(order), emissions);
    }

    synchronized StoreChange<Map<String, @Nullable Object>> cancelOrder(long orderId, boolean restock, String reason) {
        Order order = requireOrder(orderId);
        if (order.cancelledAt != null) {
            throw StoreRefusal.conflict("Order " + order.name() + " is already cancelled");
        }
        Instant now = clock.instant();
        order.cancelledAt = now;
        order.cancelReason = reason;
        order.updatedAt = now;
        List<Emission> emissions = new ArrayList<>();
        Set<Long> touched = new LinkedHashSet<>();
        Refund refund = new Refund(ids.getAsLong(), order.id, now, "Order cancelled");
        for (Line line : order.lines) {
            int open = line.unfulfilled();
            if (open <= 0) {
                continue;
            }
            line.cancelled += open;
            Item item = items.get(line.itemId);
            if (item != null) {
                item.committed -= open;
                if (restock) {
                    item.available += open;
                    item.updatedAt = now;
                    touched.add(item.id);
                }
            }
            if (restock) {
                refund.lines.add(new RefundLine(ids.getAsLong(), line, open, "cancel", locationId));
            }
        }
        if (!refund.lines.isEmpty()) {
            order.refunds.add(refund);
        }
        emissions.add(new Emission("orders/cancelled", ShopifyPayloads.order(order)));
        if (!refund.lines.isEmpty()) {
            emissions.add(new Emission("refunds/create", ShopifyPayloads.refund(refund)));
        }
        for (Long itemId : touched) {
            emissions.add(levelUpdate(requireItem(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.order(order), emissions);
    }

    /** Ships every open unit: committed units leave the building, available does not move (no webhook). */
    synchronized Map<String, @Nullable Object> fulfillOrder(long orderId) {
        Order order = requireOrder(orderId);
        if (order.cancelledAt != null) {
            throw StoreRefusal.conflict("Order " + order.name() + " is cancelled");
        }
        Instant now = clock.instant();
        for (Line line : order.lines) {
            int open = line.unfulfilled();
            line.fulfilled += open;
            Item item = items.get(line.itemId);
            if (item != null && open > 0) {
                item.committed -= open;
                item.updatedAt = now;
            }
        }
        order.updatedAt = now;
        return ShopifyPayloads.order(order);
    }

    /**
     * A refund: {@code return} restocks fulfilled units that came back, {@code cancel} puts open units back,
     * {@code no_restock} only refunds money.
     */
    synchronized StoreChange<Map<String, @Nullable Object>> refund(
            long orderId, List<RefundLineRequest> requested, @Nullable String note) {
        Order order = requireOrder(orderId);
        if (requested.isEmpty()) {
            throw StoreRefusal.badRequest("A refund needs at least one line");
        }
        Instant now = clock.instant();
        Refund refund = new Refund(ids.getAsLong(), order.id, now, note == null ? "Refund" : note);
        Set<Long> touched = new LinkedHashSet<>();
        Map<Line, int[]> planned = new LinkedHashMap<>();
        for (RefundLineRequest request : requested) {
            Line line = order.lines.stream()
                    .filter(l -> l.id == request.lineItemId())
                    .findFirst()
                    .orElseThrow(() -> StoreRefusal.badRequest(
                            "Order " + order.name() + " has no line item " + request.lineItemId()));
            int[] sums = planned.computeIfAbsent(line, l -> new int[3]);
            switch (request.restockType()) {
                case "return" -> sums[0] += request.quantity();
                case "cancel" -> sums[1] += request.quantity();
                case "no_restock" -> sums[2] += request.quantity();
                default -> throw StoreRefusal.badRequest("restockType must be return, cancel or no_restock");
            }
            if (request.quantity() < 1) {
                throw StoreRefusal.badRequest("Refund quantities must be positive");
            }
        }
        planned.forEach((line, sums) -> {
            if (sums[0] > line.fulfilled - line.returned) {
                throw StoreRefusal.conflict("Only fulfilled units can be returned: line " + line.id + " has "
                        + (line.fulfilled - line.returned));
            }
            if (sums[1] > line.unfulfilled()) {
                throw StoreRefusal.conflict(
                        "Only open units can be cancelled: line " + line.id + " has " + line.unfulfilled());
            }
        });
        for (RefundLineRequest request : requested) {
            Line line = order.lines.stream()
                    .filter(l -> l.id == request.lineItemId())
                    .findFirst()
                    .orElseThrow();
            Item item = items.get(line.itemId);
            switch (request.restockType()) {
                case "return" -> {
                    line.returned += request.quantity();
                    if (item != null) {
                        item.available += request.quantity();
                        item.updatedAt = now;
                        touched.add(item.id);
                    }
                }
                case "cancel" -> {
                    line.cancelled += request.quantity();
                    if (item != null) {
                        item.committed -= request.quantity();
                        item.available += request.quantity();
                        item.updatedAt = now;
                        touched.add(item.id);
                    }
                }
                default -> {}
            }
            refund.lines.add(new RefundLine(
                    ids.getAsLong(),
                    line,
                    request.quantity(),
                    request.restockType(),
                    request.restockType().equals("no_restock") ? null : locationId));
        }
        order.refunds.add(refund);
        order.updatedAt = now;
        List<Emission> emissions = new ArrayList<>();
        emissions.add(new Emission("refunds/create", ShopifyPayloads.refund(refund)));
        for (Long itemId : touched) {
            emissions.add(levelUpdate(requireItem(itemId), now));
        }
        return new StoreChange<>(ShopifyPayloads.refund(refund), emissions);
    }

    /** Every order, oldest first, as it stands now. */
    synchronized List<OrderView> orders() {
        return orders.values().stream().map(Order::view).toList();
    }

    synchronized Map<String, @Nullable Object> order(long orderId) {
        return ShopifyPayloads.order(requireOrder(orderId));
    }

    private Emission levelUpdate(Item item, Instant now) {
        return new Emission("inventory_levels/update", ShopifyPayloads.level(item.id, locationId, item.available, now));
    }

    private Item resolve(OrderLineRequest line) {
        String id = line.inventoryItemId();
        if (id != null && !id.isBlank()) {
            Matcher gid = ITEM_GID.matcher(id);
            String numeric = gid.matches() ? gid.group(1) : id;
            if (!numeric.matches("[0-9]{1,19}")) {
                throw StoreRefusal.badRequest("inventoryItemId must be numeric or gid://shopify/InventoryItem/<id>");
            }
            Item item = items.get(Long.parseLong(numeric));
            if (item == null) {
                throw StoreRefusal.notFound("No inventory item " + id + " in " + domain);
            }
            return item;
        }
        String sku = line.sku();
        if (sku == null || sku.isBlank()) {
            throw StoreRefusal.badRequest("Each line needs a sku or an inventoryItemId");
        }
        return items.values().stream()
                .filter(item -> item.sku.equals(sku))
                .findFirst()
                .orElseThrow(() -> StoreRefusal.notFound("No inventory item with SKU " + sku + " in " + domain));
    }

    private Item requireItem(long id) {
        Item item = items.get(id);
        if (item == null) {
            throw StoreRefusal.notFound("No inventory item " + id + " in " + domain);
        }
        return item;
    }

    private Order requireOrder(long id) {
        Order order = orders.get(id);
        if (order == null) {
            throw StoreRefusal.notFound("No order " + id + " in " + domain);
        }
        return order;
    }

    /** Mutable under the shop's lock only. */
    static final class Item {
        final long id;
        final String sku;
        final long variantId;
        final long productId;
        int available;
        int committed;
        boolean continueSelling;
        /** Units another app or the POS sells (negative) or receives just before each of our writes lands. */
        int contention;

        Instant updatedAt;

        Item(long id, String sku, long variantId, long productId, Instant at) {
            this.id = id;
            this.sku = sku;
            this.variantId = variantId;
            this.productId = productId;
            this.updatedAt = at;
        }

        ItemView view() {
            return new ItemView(id, sku, variantId, available, committed, continueSelling, contention, updatedAt);
        }
    }

    static final class Order {
        final long id;
        final int number;
        final Instant createdAt;
        Instant updatedAt;

        @Nullable
        Instant cancelledAt;

        @Nullable
        String cancelReason;

        final List<Line> lines = new ArrayList<>();
        final List<Refund> refunds = new ArrayList<>();

        Order(long id, int number, Instant at) {
            this.id = id;
            this.number = number;
            this.createdAt = at;
            this.updatedAt = at;
        }

        String name() {
            return "#" + number;
        }

        OrderView view() {
            Map<Line, LineView> views = new LinkedHashMap<>();
            for (Line line : lines) {
                views.put(line, line.view());
            }
            List<RefundView> refundViews = refunds.stream()
                    .map(refund -> new RefundView(
                            refund.id,
                            refund.createdAt,
                            refund.lines.stream()
                                    .map(l -> new RefundLineView(
                                            l.id(),
                                            l.quantity(),
                                            l.restockType(),
                                            views.getOrDefault(
                                                    l.line(), l.line().view())))
                                    .toList()))
                    .toList();
            return new OrderView(
                    id, number, name(), createdAt, updatedAt, cancelledAt, List.copyOf(views.values()), refundViews);
        }
    }

    static final class Line {
        final long id;
        final long itemId;
        final long variantId;
        final long productId;
        final String sku;
        final int quantity;
        int fulfilled;
        int cancelled;
        int returned;

        Line(long id, Item item, int quantity) {
            this.id = id;
            this.itemId = item.id;
            this.variantId = item.variantId;
            this.productId = item.productId;
            this.sku = item.sku;
            this.quantity = quantity;
        }

        int unfulfilled() {
            return quantity - fulfilled - cancelled;
        }

        int currentQuantity() {
            return quantity - cancelled;
        }

        LineView view() {
            return new LineView(id, sku, variantId, quantity, currentQuantity());
        }
    }

    static final class Refund {
        final long id;
        final long orderId;
        final Instant createdAt;
        final String note;
        final List<RefundLine> lines = new ArrayList<>();

        Refund(long id, long orderId, Instant at, String note) {
            this.id = id;
            this.orderId = orderId;
            this.createdAt = at;
            this.note = note;
        }
    }

    record RefundLine(
            long id,
            Line line,
            int quantity,
            String restockType,
            @Nullable Long locationId) {}
}
