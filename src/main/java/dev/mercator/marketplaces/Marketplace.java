package dev.mercator.catalog;

import java.util.Locale;

/** A marketplace whose products the catalog searches. */
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
