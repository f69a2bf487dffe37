package dev.mercator.marketplaces;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search for listings as a deal scan asks it, newest first: keywords, the marketplace's own category id and
 * condition ids (eBay's numeric ids), a price range in {@code currency} and a buying format. {@code endingBefore}
 * narrows auctions to those ending before it. {@code page} starts at 1.
 */
public record ListingQuery(
        String keywords,
        @Nullable String categoryId,
        Set<String> conditionIds,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        String currency,
        BuyingFormat buyingFormat,
        @Nullable Instant endingBefore,
        int page,
        int pageSize) {

    public ListingQuery {
        conditionIds = Set.copyOf(conditionIds);
    }

    public ListingQuery page(int number) {
        return new ListingQuery(
                keywords,
                categoryId,
                conditionIds,
                minPrice,
                maxPrice,
                currency,
                buyingFormat,
                endingBefore,
                number,
                pageSize);
    }
}
