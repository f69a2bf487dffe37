package dev.mercator.sandbox.catalog;

/** A simulated marketplace: each exposes its own overlapping subset of the generated catalogue. */
public enum Shop {
    AMAZON,
    ALIEXPRESS,
    EBAY
}
