package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.ListingQuery;
import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A scan's search and schedule, validated ({@link ScanRequest#validate}). */
record ScanSpec(
        String name,
        String keywords,
        @Nullable String categoryId,
        List<String> conditionIds,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        String currency,
        List<Marketplace> marketplaces,
        BuyingFormat buyingFormat,
        @Nullable Integer auctionEndingWithinHours,
        Duration interval) {

    ScanSpec {
        conditionIds = List.copyOf(conditionIds);
        marketplaces = List.copyOf(marketplaces);
    }

    /** Whether {@code other} searches for something else (the schedule or name aside). */
    boolean searchDiffers(ScanSpec other) {
        return !keywords.equals(other.keywords)
                || !java.util.Objects.equals(categoryId, other.categoryId)
                || !Set.copyOf(conditionIds).equals(Set.copyOf(other.conditionIds))
                || !same(minPrice, other.minPrice)
                || !same(maxPrice, other.maxPrice)
                || !currency.equals(other.currency)
                || buyingFormat != other.buyingFormat
                || !java.util.Objects.equals(auctionEndingWithinHours, other.auctionEndingWithinHours);
    }

    /** Page {@code page} of this scan's search, as run at {@code now}. */
    ListingQuery query(int page, int pageSize, Instant now) {
        Integer hours = auctionEndingWithinHours;
        return new ListingQuery(
                keywords,
                categoryId,
                Set.copyOf(conditionIds),
                minPrice,
                maxPrice,
                currency,
                buyingFormat,
                buyingFormat == BuyingFormat.AUCTION && hours != null ? now.plus(Duration.ofHours(hours)) : null,
                page,
                pageSize);
    }

    private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
