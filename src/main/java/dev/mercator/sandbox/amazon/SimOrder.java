package dev.mercator.sandbox.amazon;

import java.time.Instant;
import java.util.List;

/** A seeded order (Orders API v0 terms). Guarded by its seller's lock. */
final class SimOrder {

    final String amazonOrderId;
    final String marketplaceId;
    final String fulfillmentChannel;
    final Instant purchaseDate;
    final List<Item> items;
    String status;
    Instant lastUpdateDate;

    SimOrder(
            String amazonOrderId,
            String marketplaceId,
            String fulfillmentChannel,
            String status,
            Instant purchaseDate,
            List<Item> items) {
        this.amazonOrderId = amazonOrderId;
        this.marketplaceId = marketplaceId;
        this.fulfillmentChannel = fulfillmentChannel;
        this.status = status;
        this.purchaseDate = purchaseDate;
        this.lastUpdateDate = purchaseDate;
        this.items = List.copyOf(items);
    }

    record Item(String orderItemId, String asin, String sellerSku, int quantityOrdered, String title) {}

    int units() {
        return items.stream().mapToInt(Item::quantityOrdered).sum();
    }
}
