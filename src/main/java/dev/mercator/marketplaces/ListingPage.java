package dev.mercator.marketplaces;

import java.util.List;

/** One page of listings; {@code hasMore} when the marketplace has a next page. */
public record ListingPage(List<Listing> listings, boolean hasMore) {}
