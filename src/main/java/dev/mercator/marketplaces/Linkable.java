package dev.mercator.marketplaces;

/**
 * A product to put the caller's affiliate link on: as the marketplace described it (link APIs take that), and the
 * link it has now, which it keeps when no affiliate link can be made.
 */
public record Linkable(RawProduct product, ProductLink link) {}
