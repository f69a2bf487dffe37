package dev.mercator.marketplaces;

import java.util.Locale;

/** A marketplace whose product API Mercator calls. */
public enum Marketplace {
    AMAZON,
    ALIEXPRESS,
    EBAY;

    // Computed once: ids are in every cache key and metric tag, on every lookup.
    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }
}
