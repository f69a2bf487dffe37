package dev.mercator.marketplaces;

/**
 * The link a product is shown with.
 *
 * @param affiliate whether {@code url} carries the caller's affiliate tag
 */
public record ProductLink(String url, boolean affiliate) {}
