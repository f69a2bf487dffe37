package dev.mercator.sandbox.amazon;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A submitted feed. Its status follows from the clock; it is processed once, when first seen due. */
final class SimFeed {

    final String feedId;
    final String feedType;
    final List<String> marketplaceIds;
    final String inputDocumentId;
    final Instant createdAt;
    final Instant startsAt;
    final Instant endsAt;
    String status = "IN_QUEUE";

    @Nullable
    String resultDocumentId;

    SimFeed(
            String feedId,
            String feedType,
            List<String> marketplaceIds,
            String inputDocumentId,
            Instant createdAt,
            Instant startsAt,
            Instant endsAt) {
        this.feedId = feedId;
        this.feedType = feedType;
        this.marketplaceIds = List.copyOf(marketplaceIds);
        this.inputDocumentId = inputDocumentId;
        this.createdAt = createdAt;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    boolean finished() {
        return status.equals("DONE") || status.equals("FATAL") || status.equals("CANCELLED");
    }
}
