package dev.mercator.dealscout;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A listing was seen for the first time by one of a merchant's scans, or submitted by the merchant. Published in the
 * transaction that stored it, for valuation and alerts: a deal that is already there on the first scan must count.
 *
 * @param marketplace the marketplace's id ({@code ebay}) or, for a user submission, the site's host
 * @param shipping null when the listing quoted no shipping (unknown, not free)
 * @param scanId the scan that found it, null for a user submission
 */
public record ListingObserved(
        MerchantId merchant,
        UUID observationId,
        String marketplace,
        String listingId,
        @Nullable String conditionId,
        @Nullable String categoryId,
        BigDecimal price,
        @Nullable BigDecimal shipping,
        String currency,
        ObservationSource source,
        @Nullable UUID scanId,
        Instant observedAt) {}
