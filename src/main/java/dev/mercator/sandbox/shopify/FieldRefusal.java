package dev.mercator.sandbox.shopify;

/**
 * A field that cannot be answered for its arguments (an id that is no global id, an unknown quantity name, a cursor
 * from elsewhere). The field becomes null and the reason a GraphQL error with {@code code} in its extensions, as
 * Shopify reports such arguments; the rest of the answer stands.
 */
final class FieldRefusal extends RuntimeException {

    private final String code;

    FieldRefusal(String message, String code) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
