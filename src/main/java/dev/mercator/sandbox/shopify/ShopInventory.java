package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.shopify.SimulatedShop.Change;
import dev.mercator.sandbox.shopify.SimulatedShop.ItemView;
import dev.mercator.sandbox.shopify.SimulatedShop.OrderLineRequest;
import dev.mercator.sandbox.shopify.SimulatedShop.QuantityInput;
import dev.mercator.sandbox.shopify.SimulatedShop.SetOutcome;
import dev.mercator.sandbox.shopify.SimulatedShop.SetQuantities;
import dev.mercator.sandbox.shopify.SimulatedShop.SetResult;
import dev.mercator.sandbox.shopify.SimulatedShop.StoreChange;
import dev.mercator.sandbox.shopify.SimulatedShop.UserError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A shop's inventory items at its one location, and the two ways their levels change: {@code inventorySetQuantities}
 * through the Admin API (with its idempotency keys) and a merchant's edit in Shopify admin. Mutable under the shop's
 * lock only.
 */
final class ShopInventory {

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
    static final int MAX_QUANTITY = 1_000_000_000;
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,19})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,19})");

    private final String domain;
    private final long locationId;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Item> items = new LinkedHashMap<>();
    private final IdempotencyKeys keys = new IdempotencyKeys();
    private long mutationsApplied;
    private long staleRejections;
    private long idempotentReplays;
    private long userErrors;

    ShopInventory(String domain, long locationId, LongSupplier ids, Clock clock) {
        this.domain = domain;
        this.locationId = locationId;
        this.ids = ids;
        this.clock = clock;
    }

    String domain() {
        return domain;
    }

    long locationId() {
        return locationId;
    }

    // --- Admin API -----------------------------------------------------------------------------------------------

    @Nullable
    ItemView item(long id) {
        Item item = items.get(id);
        return item == null ? null : item.view();
    }

    List<ItemView> items() {
        return items.values().stream().map(Item::view).toList();
    }

    /**
     * {@code inventorySetQuantities} under 2026-04 rules: all or nothing; an integer {@code changeFromQuantity} must
     * equal the current quantity ({@code CHANGE_FROM_QUANTITY_STALE} otherwise); the same idempotency key with the
     * same input returns the first result without applying anything, with another input it is refused.
     */
    SetOutcome setQuantities(SetQuantities input, @Nullable String key) {
        Instant now = clock.instant();
        String fingerprint = input.toString();
        if (key != null) {
            IdempotencyKeys.Use first = keys.first(key);
            if (first != null) {
                if (first.fingerprint().equals(fingerprint)) {
                    idempotentReplays++;
                    return new SetOutcome(first.result(), List.of());
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
            keys.remember(key, fingerprint, result);
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

    // --- The merchant's own edits ----------------------------------------------------------------------------------

    ItemView createItem(@Nullable Long id, String sku, int available, boolean continueSelling) {
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
    StoreChange<ItemView> editItem(
            long id, @Nullable Integer available, @Nullable Integer delta, @Nullable Integer contention) {
        Item item = require(id);
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

    // --- For the shop's orders -------------------------------------------------------------------------------------

    /** The item an order line names, by inventory item id (numeric or gid) or else by SKU. */
    Item resolve(OrderLineRequest line) {
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

    /** The item, or null if it was never stocked (an order line keeps its item's id either way). */
    @Nullable
    Item find(long id) {
        return items.get(id);
    }

    Item require(long id) {
        Item item = items.get(id);
        if (item == null) {
            throw StoreRefusal.notFound("No inventory item " + id + " in " + domain);
        }
        return item;
    }

    /** The {@code inventory_levels/update} webhook for the item's level as it stands. */
    Emission levelUpdate(Item item, Instant now) {
        return new Emission("inventory_levels/update", ShopifyPayloads.level(item.id, locationId, item.available, now));
    }

    long mutationsApplied() {
        return mutationsApplied;
    }

    long staleRejections() {
        return staleRejections;
    }

    long idempotentReplays() {
        return idempotentReplays;
    }

    long userErrors() {
        return userErrors;
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
}
