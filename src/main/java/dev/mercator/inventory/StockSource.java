package dev.mercator.inventory;

import java.util.Arrays;

/** Where a change to a physical count came from. Its {@link #id()} is what the ledger stores. */
public enum StockSource {
    /** A Shopify order, cancellation, refund or accepted edit (webhook or order lookup). */
    SHOPIFY("shopify"),
    /** A merchant-fulfilled Amazon order or its cancellation. */
    AMAZON("amazon"),
    /** The merchant, through Mercator's API (a count set or adjusted by hand or by their own system). */
    API("api"),
    /** A sellable return restocked (ADR 23): its source event id names the return. */
    RETURN("return");

    private final String id;

    StockSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static StockSource of(String id) {
        return Arrays.stream(values())
                .filter(source -> source.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown stock source " + id));
    }
}
