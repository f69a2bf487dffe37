package dev.mercator.dealscout.pricing;

import java.util.Locale;

/**
 * Where an item is in the seller flow. {@code received} is the queue; {@code identifying} and {@code pricing} are held
 * by a worker's lease; {@code priced} and {@code needs_input} are where it rests until the merchant changes it.
 */
enum PricingStatus {
    RECEIVED,
    IDENTIFYING,
    PRICING,
    PRICED,
    NEEDS_INPUT;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PricingStatus ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
