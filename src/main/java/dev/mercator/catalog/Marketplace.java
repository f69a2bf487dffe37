package dev.mercator.catalog;

import java.util.Locale;

/** A marketplace whose products the catalog searches. */
public enum Marketplace {
    AMAZON,
    ALIEXPRESS,
    EBAY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
