package dev.mercator.marketplaces;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** A keyword search as sent to one marketplace. {@code page} starts at 1; adapters map it to offsets as needed. */
public record SourceQuery(
        String keywords,
        int page,
        int pageSize,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String currency) {}
