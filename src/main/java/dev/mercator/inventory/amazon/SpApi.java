package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One Selling Partner API call done right: first a token from the seller's shared bucket for the operation (so all
 * instances together stay within Amazon's per-seller limit), then the request with the seller's LWA access token; a
 * 403 {@code Unauthorized} gets one fresh token and one retry. Every other outcome is classified: 2xx is returned,
 * anything else thrown as an {@link AmazonFailure}.
 */
@Component
class SpApi {

    static final String ACCESS_TOKEN = "x-amz-access-token";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String USER_AGENT = "Mercator/0.1 (Language=Java/21)";

    /**
     * The operations used, with the per-seller rate (per second) and burst of each operation's "Usage Plan" in Amazon's
     * published model (docs/providers/amazon-sp-api.md names the model files and commits).
     */
    enum Operation {
        /**
         * The model allows burst 10; the client keeps 5 in hand. Equal buckets on both sides meet at the edge: a call
         * that travelled a few milliseconds longer than the first one finds Amazon's bucket empty and costs a 429,
         * and a product-type lookup throttled mid-feed holds back the rest of the feed.
         */
        GET_LISTINGS_ITEM("getListingsItem", 5, 5),
        /** Rate and burst from settings ({@code rate-per-second}, {@code burst}). */
        PATCH_LISTINGS_ITEM("patchListingsItem", 0, 0),
        CREATE_FEED_DOCUMENT("createFeedDocument", 0.5, 15),
        CREATE_FEED("createFeed", 0.0083, 15),
        /** Amazon's extra JSON_LISTINGS_FEED limit: 5 submissions per 5 minutes. */
        JSON_LISTINGS_FEED("jsonListingsFeed", 5.0 / 300, 5),
        GET_FEED("getFeed", 2, 15),
        GET_FEED_DOCUMENT("getFeedDocument", 0.0222, 10),
        /** Orders API v2026-01-01: one call every three minutes once the burst is spent. */
        SEARCH_ORDERS("searchOrders", 0.0056, 20),
        /** Reports API 2021-06-30: one report a minute once the burst is spent. */
        CREATE_REPORT("createReport", 0.0167, 15),
        GET_REPORT("getReport", 2, 15),
        GET_REPORT_DOCUMENT("getReportDocument", 0.0167, 15),
        /** FBA Inventory v1. */
        GET_INVENTORY_SUMMARIES("getInventorySummaries", 2, 2);

        final String id;
        final double rate;
        final int burst;

        Operation(String id, double rate, int burst) {
            this.id = id;
            this.rate = rate;
            this.burst = burst;
        }
    }

    private final AmazonHttp http;
    private final LwaTokens tokens;
    private final AmazonEndpoints endpoints;
    private final SharedRateLimiter limiter;
    private final AmazonSettings settings;
    private final Clock clock;

    SpApi(
            AmazonHttp http,
            LwaTokens tokens,
            AmazonEndpoints endpoints,
            SharedRateLimiter limiter,
            AmazonSettings settings,
            Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.limiter = limiter;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Calls {@code path} (a URI template relative to the seller's regional endpoint, expanded with {@code variables},
     * which are encoded) and returns the 2xx reply.
     *
     * @param deadline when waiting for the rate limiter becomes pointless; the call is then throttled without being
     *     sent
     * @throws AmazonFailure for every other outcome
     */
    AmazonHttp.Reply call(
            AmazonAccount account,
            Operation operation,
            Instant deadline,
            HttpMethod method,
            String path,
            @Nullable Object body,
            Object... variables) {
        String uri = endpoints.spApi(account.region()) + path;
        for (int attempt = 1; ; attempt++) {
            // LWA first: a seller whose token cannot be had must not spend its quota.
            String token = tokens.token(account);
            pace(account, operation, deadline);
            RestClient.RequestBodySpec request = http.rest()
                    .method(method)
                    .uri(uri, variables)
                    .header(ACCESS_TOKEN, token)
                    .header("x-amz-date", AMZ_DATE.format(clock.instant()))
                    .header("user-agent", USER_AGENT)
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            AmazonHttp.Reply reply = http.exchange(request);
            if (reply.ok()) {
                return reply;
            }
            if (reply.status() == 403 && reply.errorCode().equals("Unauthorized") && attempt == 1) {
                // Expired early, revoked or rotated: one fresh token, one retry. A second 403 is the seller's problem.
                tokens.invalidate(account, token);
                continue;
            }
            throw AmazonFailure.ofStatus(reply.status(), reply.problem(), interval(operation));
        }
    }

    /** Takes a token of the seller's bucket for {@code operation}, waiting for it until {@code deadline}. */
    void pace(AmazonAccount account, Operation operation, Instant deadline) {
        String key = "amazon:" + account.sellerId() + ":" + operation.id;
        double rate = rate(operation);
        int burst = operation == Operation.PATCH_LISTINGS_ITEM ? settings.burst() : operation.burst;
        while (true) {
            Duration wait = limiter.tryAcquire(key, rate, burst);
            if (wait.isZero()) {
                return;
            }
            if (clock.instant().plus(wait).isAfter(deadline)) {
                throw AmazonFailure.throttled(wait);
            }
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AmazonFailure.transientFailure("interrupted while waiting for the rate limit", true);
            }
        }
    }

    /** The spacing of calls at the operation's sustained rate: how long a throttled caller should stay away. */
    Duration interval(Operation operation) {
        return Duration.ofMillis((long) Math.ceil(1000 / rate(operation)));
    }

    private double rate(Operation operation) {
        return operation == Operation.PATCH_LISTINGS_ITEM ? settings.ratePerSecond() : operation.rate;
    }
}
