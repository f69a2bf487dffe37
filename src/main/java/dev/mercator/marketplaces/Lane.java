package dev.mercator.marketplaces;

/**
 * Who a marketplace call is for: someone waiting (a search, a product page) or background work (refreshes, scans).
 * Background calls may use only their share of the daily quota and wait longer for the rate limit, so interactive
 * calls keep the rest when quota runs short.
 */
public enum Lane {
    INTERACTIVE,
    BACKGROUND
}
