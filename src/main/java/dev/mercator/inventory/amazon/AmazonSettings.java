package dev.mercator.inventory.amazon;

import dev.mercator.platform.http.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Amazon Selling Partner API client. Seller credentials (LWA client id and secret, refresh token) are per merchant
 * in the encrypted vault, so live mode needs no credential here; it needs the endpoints, which default to Amazon's.
 *
 * @param mode {@code sandbox} (default: this server's simulator) or {@code live}
 * @param baseUrl the SP-API endpoint for sellers in region {@code na}
 * @param euBaseUrl the SP-API endpoint for region {@code eu}
 * @param feBaseUrl the SP-API endpoint for region {@code fe}
 * @param lwaUrl Login with Amazon's token endpoint (the same for every region)
 * @param ratePerSecond patchListingsItem calls per second per seller, shared by all instances (Amazon: 5)
 * @param burst patchListingsItem burst per seller (Amazon: 5)
 * @param feedThreshold a push of more SKUs than this goes as one JSON_LISTINGS_FEED instead of single patches
 * @param feedPollInterval how often getFeed is asked whether a feed is done
 * @param feedMaxWait how long a push waits for its feed; after that the SKUs are reported accepted (queued at Amazon)
 *     and verify-after-write settles them
 * @param maxPaceWait how long one push may wait for the rate limiter in total; SKUs left then come back throttled
 * @param ordersPollInterval how often merchant-fulfilled orders are polled; three minutes, because searchOrders refills
 *     one call every three minutes per seller (a shorter interval spends the burst that multi-page polls need)
 * @param ordersSettle how long before now Amazon's searchOrders window must end (Amazon: two minutes; its simulator's
 *     {@code mercator.sandbox.amazon.orders-settle}); a window that would end before it starts is not asked for
 * @param tokenRefreshMargin an access token is replaced this long before it expires
 * @param productType the product type sent with every patch; empty (default) reads each listing's own once, from
 *     getListingsItem summaries, and caches it
 */
@ConfigurationProperties("mercator.providers.amazon")
record AmazonSettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String euBaseUrl,
        @Nullable String feBaseUrl,
        @Nullable String lwaUrl,
        @DefaultValue("5") double ratePerSecond,
        @DefaultValue("5") int burst,
        @DefaultValue("500") int feedThreshold,
        @DefaultValue("5s") Duration feedPollInterval,
        @DefaultValue("10m") Duration feedMaxWait,
        @DefaultValue("30s") Duration maxPaceWait,
        @DefaultValue("3m") Duration ordersPollInterval,
        @DefaultValue("2m") Duration ordersSettle,
        @DefaultValue("60s") Duration tokenRefreshMargin,
        @Nullable String productType)
        implements ProviderSettings {

    static final String NAME = "amazon";
    static final String NA = "https://sellingpartnerapi-na.amazon.com";
    static final String EU = "https://sellingpartnerapi-eu.amazon.com";
    static final String FE = "https://sellingpartnerapi-fe.amazon.com";
    static final String LWA = "https://api.amazon.com/auth/o2/token";

    AmazonSettings {
        mode = blankToNull(mode);
        baseUrl = orDefault(baseUrl, NA);
        euBaseUrl = orDefault(euBaseUrl, EU);
        feBaseUrl = orDefault(feBaseUrl, FE);
        lwaUrl = orDefault(lwaUrl, LWA);
        productType = blankToNull(productType);
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException(
                    "mercator.providers.amazon.rate-per-second (MERCATOR_AMAZON_RATE_PER_SECOND) must be positive");
        }
        if (burst < 1) {
            throw new IllegalArgumentException(
                    "mercator.providers.amazon.burst (MERCATOR_AMAZON_BURST) must be at least 1");
        }
        if (feedThreshold < 1) {
            throw new IllegalArgumentException(
                    "mercator.providers.amazon.feed-threshold (MERCATOR_AMAZON_FEED_THRESHOLD) must be at least 1");
        }
        for (Duration positive : List.of(feedPollInterval, feedMaxWait, ordersPollInterval, maxPaceWait)) {
            if (positive.isNegative() || positive.isZero()) {
                throw new IllegalArgumentException("mercator.providers.amazon: feed-poll-interval, feed-max-wait, "
                        + "max-pace-wait and orders-poll-interval must be positive durations");
            }
        }
        if (tokenRefreshMargin.isNegative()) {
            throw new IllegalArgumentException("mercator.providers.amazon.token-refresh-margin must not be negative");
        }
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of();
    }

    /** The live SP-API endpoint of a seller's region ({@code na}, {@code eu} or {@code fe}). */
    String liveEndpoint(String region) {
        return switch (region.toLowerCase(Locale.ROOT)) {
            case "eu" -> String.valueOf(euBaseUrl);
            case "fe" -> String.valueOf(feBaseUrl);
            default -> String.valueOf(baseUrl);
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        String stripped = blankToNull(value);
        return stripped == null ? fallback : stripped;
    }
}
