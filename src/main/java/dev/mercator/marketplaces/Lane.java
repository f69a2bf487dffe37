package dev.mercator.catalog.resilience;

/** Who a marketplace call is for: interactive searches come before background refreshes when quota runs short. */
public enum Lane {
    INTERACTIVE,
    BACKGROUND
}
