package dev.mercator.inventory.shopify;

import dev.mercator.platform.http.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The Shopify Admin API. Live mode needs no global credential: every merchant's access token comes from its connected
 * shop (the vault). Shopify's API has one host per shop, so the live base is a template with {@code {shop}} standing
 * for the merchant's {@code *.myshopify.com} domain; in sandbox mode the shop is the first path segment under this
 * server's {@code /sandbox/shopify}.
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param shopUrl {@code mercator.providers.shopify.base-url}: the live base of a shop's Admin API, default {@code
 *     https://{shop}}; another value points live mode at a proxy or a recording server
 * @param apiVersion the Admin API version, 2026-04 or later (the first with {@code changeFromQuantity} and
 *     {@code @idempotent}, on which the push relies)
 * @param maxThrottleWait how long a push may wait for Shopify's cost bucket to refill before reporting it throttled
 *     instead
 */
@ConfigurationProperties("mercator.providers.shopify")
record ShopifySettings(
        @Nullable String mode,

        @Name("base-url") @DefaultValue(ShopifySettings.DEFAULT_SHOP_URL)
        String shopUrl,

        @DefaultValue(ShopifySettings.DEFAULT_API_VERSION) String apiVersion,
        @DefaultValue("2s") Duration maxThrottleWait)
        implements ProviderSettings {

    static final String NAME = "shopify";
    static final String DEFAULT_SHOP_URL = "https://{shop}";
    static final String DEFAULT_API_VERSION = "2026-04";
    /** Stands in for a shop where a single URL is needed: the start-up check that the template is a valid URL. */
    static final String SAMPLE_SHOP = "example.myshopify.com";

    private static final Pattern VERSION = Pattern.compile("[0-9]{4}-(01|04|07|10)");

    ShopifySettings {
        mode = mode == null || mode.isBlank() ? null : mode.strip();
        shopUrl = shopUrl.isBlank() ? DEFAULT_SHOP_URL : stripTrailingSlash(shopUrl.strip());
        apiVersion = apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.strip();
        if (!shopUrl.contains("{shop}")) {
            throw new IllegalArgumentException("mercator.providers.shopify.base-url (MERCATOR_SHOPIFY_BASE_URL) must"
                    + " contain {shop}, which stands for the merchant's shop domain, e.g. https://{shop}");
        }
        if (!VERSION.matcher(apiVersion).matches() || apiVersion.compareTo(DEFAULT_API_VERSION) < 0) {
            throw new IllegalArgumentException("mercator.providers.shopify.api-version (MERCATOR_SHOPIFY_API_VERSION)"
                    + " must be a Shopify API version from 2026-04 on, such as 2026-04 or 2026-10 (was '" + apiVersion
                    + "')");
        }
        if (maxThrottleWait.isNegative()) {
            throw new IllegalArgumentException("mercator.providers.shopify.max-throttle-wait"
                    + " (MERCATOR_SHOPIFY_MAX_THROTTLE_WAIT) must not be negative");
        }
    }

    @Override
    public String provider() {
        return NAME;
    }

    /** The template expanded for a sample shop, so that start-up checks it is an absolute http(s) URL. */
    @Override
    public String baseUrl() {
        return shopUrl.replace("{shop}", SAMPLE_SHOP);
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
