package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What stands before every SP-API operation, in Amazon's order: the LWA access token ({@code x-amz-access-token}, 403
 * {@code Unauthorized} when missing, unknown, expired or for another seller), then the seller's token bucket for the
 * operation (429 {@code QuotaExceeded}). Counts each call in the seller's statistics.
 */
@Component
@ConditionalOnSandbox
class SpApiGate {

    static final String TOKEN_HEADER = "x-amz-access-token";

    private final SimSellers sellers;

    SpApiGate(SimSellers sellers) {
        this.sellers = sellers;
    }

    /** A call let through: the seller it acts for and the rate to announce. */
    record Admitted(SimSeller seller, String operation, double rate) {

        void rejected() {
            seller.stats.of(operation).rejected.increment();
        }
    }

    /**
     * @param pathSellerId the seller named in the path (Listings Items), or null where the token alone says (Feeds,
     *     Orders)
     */
    Admitted admit(@Nullable String accessToken, @Nullable String pathSellerId, String operation) {
        SimSeller pathSeller =
                pathSellerId == null ? null : sellers.find(pathSellerId).orElse(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw unauthorized(pathSeller, operation, "Access token is missing in the request header.");
        }
        SimSellers.Grant grant = sellers.grant(accessToken.strip()).orElse(null);
        SimSeller seller = grant == null ? null : sellers.find(grant.sellerId()).orElse(null);
        if (grant == null || seller == null) {
            throw unauthorized(
                    pathSeller, operation, "The access token you provided is revoked, malformed or invalid.");
        }
        if (pathSellerId != null && !pathSellerId.equals(seller.sellerId)) {
            throw unauthorized(pathSeller != null ? pathSeller : seller, operation, "");
        }
        Instant now = sellers.now();
        seller.stats.of(operation).calls.increment();
        if (!grant.expiresAt().isAfter(now)) {
            seller.stats.of(operation).unauthorized.increment();
            throw new SpApiResponses.Refusal(SpApiResponses.unauthorized("The access token you provided has expired."));
        }
        SimBucket bucket = sellers.bucket(seller, operation);
        if (!bucket.tryTake()) {
            seller.stats.of(operation).throttled.increment();
            throw new SpApiResponses.Refusal(SpApiResponses.quotaExceeded());
        }
        return new Admitted(seller, operation, bucket.rate());
    }

    /** Takes a token from a further bucket of the same seller (the JSON_LISTINGS_FEED submission limit). */
    void alsoLimit(Admitted admitted, String limit) {
        if (!sellers.bucket(admitted.seller(), limit).tryTake()) {
            admitted.seller().stats.of(admitted.operation()).throttled.increment();
            throw new SpApiResponses.Refusal(SpApiResponses.quotaExceeded());
        }
    }

    private static SpApiResponses.Refusal unauthorized(@Nullable SimSeller seller, String operation, String details) {
        if (seller != null) {
            seller.stats.of(operation).calls.increment();
            seller.stats.of(operation).unauthorized.increment();
        }
        return new SpApiResponses.Refusal(SpApiResponses.unauthorized(details));
    }
}
