package dev.mercator.sandbox.shopify;

import dev.mercator.platform.web.ApiProblem;
import org.jspecify.annotations.Nullable;

/**
 * A change the simulated store will not make (no such order, not enough stock, a refund of units that never shipped).
 * Thrown by {@link SimulatedShop}, which knows nothing of HTTP; {@link ShopifyStoreController} answers it as the
 * problem its {@link Kind} names.
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

    ApiProblem asProblem() {
        String message = String.valueOf(getMessage());
        ApiProblem problem = switch (kind) {
            case NOT_FOUND -> ApiProblem.notFound(message);
            case CONFLICT -> ApiProblem.conflict(message);
            case BAD_REQUEST -> ApiProblem.badRequest(message);
        };
        return problem.with("available", available);
    }
}
