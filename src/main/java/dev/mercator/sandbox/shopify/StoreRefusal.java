package dev.mercator.sandbox.shopify;

import org.jspecify.annotations.Nullable;

/**
 * A change the simulated store will not make (no such order, not enough stock, a refund of units that never shipped).
 * Thrown by the store model ({@link SimulatedShop} and its parts, {@link ShopifyShops}), which knows nothing of HTTP;
 * {@link ShopifyStoreController} answers it as the problem its {@link Kind} names.
 */
final class StoreRefusal extends RuntimeException {

    enum Kind {
        NOT_FOUND,
        CONFLICT,
        BAD_REQUEST
    }

    private final Kind kind;
    private final @Nullable Integer available;

    private StoreRefusal(Kind kind, String message, @Nullable Integer available) {
        super(message, null, false, false);
        this.kind = kind;
        this.available = available;
    }

    static StoreRefusal notFound(String message) {
        return new StoreRefusal(Kind.NOT_FOUND, message, null);
    }

    static StoreRefusal conflict(String message) {
        return new StoreRefusal(Kind.CONFLICT, message, null);
    }

    static StoreRefusal badRequest(String message) {
        return new StoreRefusal(Kind.BAD_REQUEST, message, null);
    }

    /** Stock too short for an order, with what there is. */
    static StoreRefusal shortOfStock(String message, int available) {
        return new StoreRefusal(Kind.CONFLICT, message, available);
    }

    Kind kind() {
        return kind;
    }

    /** What there is of an item an order was short of; null for other refusals. */
    @Nullable
    Integer available() {
        return available;
    }
}
