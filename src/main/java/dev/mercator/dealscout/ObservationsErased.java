package dev.mercator.dealscout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Observations were deleted for good (an eBay account deletion): whatever was derived from them (comps in the
 * valuation pools, scores, evidence) must go too. Carries only the ids, never the seller's name, so the event
 * publication log keeps nothing of the person whose data was erased.
 *
 * @param observationIds the erased observations, across merchants
 */
public record ObservationsErased(List<UUID> observationIds, Instant erasedAt) {

    public ObservationsErased {
        observationIds = List.copyOf(observationIds);
    }
}
