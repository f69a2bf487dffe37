package dev.mercator.sandbox.catalog;

/** The ways a generated listing is broken on purpose, as real marketplace data sometimes is. */
public enum Defect {
    NONE,
    MISSING_PRICE,
    ZERO_PRICE,
    HTML_TITLE,
    CONTROL_CHARACTERS,
    UNKNOWN_CURRENCY,
    INVALID_GTIN,
    HUGE_DESCRIPTION
}
