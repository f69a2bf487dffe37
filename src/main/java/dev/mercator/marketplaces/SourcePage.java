package dev.mercator.marketplaces;

import java.util.List;

/** One page of a marketplace's answer, as raw (unvalidated) products. */
public record SourcePage(List<RawProduct> products, long totalResults, boolean hasMore) {}
