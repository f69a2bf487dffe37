package dev.mercator.sandbox.amazon;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A seeded order, in Orders API v2026-01-01 terms. Guarded by its seller's lock. */
final class SimOrder {

    /** The model's {@code FulfillmentStatus} values. */
    static final Set<String> STATUSES = Set.of(
            "PENDING_AVAILABILITY",
            "PENDING",
            "UNSHIPPED",
            "PARTIALLY_SHIPPED",
            "SHIPPED",
            "CANCELLED",
            "UNFULFILLABLE");

    /** The model's {@code fulfilledBy} values. */
    static final Set<String> FULFILLERS = Set.of("MERCHANT", "AMAZON");

    final String orderId;
    final String marketplaceId;
    final String fulfilledBy;
    final Instant createdTime;
    final List<Item> items;
    String fulfillmentStatus;
    Instant lastUpdatedTime;

    SimOrder(
            String orderId,
            String marketplaceId,
            String fulfilledBy,
            String fulfillmentStatus,
            Instant createdTime,
            List<Item> items) {
        this.orderId = orderId;
        this.marketplaceId = marketplaceId;
        this.fulfilledBy = fulfilledBy;
        this.fulfillmentStatus = fulfillmentStatus;
        this.createdTime = createdTime;
        this.lastUpdatedTime = createdTime;
        this.items = List.copyOf(items);
    }

    record Item(String orderItemId, String asin, String sellerSku, int quantityOrdered, String title) {}

    boolean shipped() {
        return fulfillmentStatus.equals("SHIPPED");
    }
}
