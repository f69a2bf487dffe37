package dev.mercator.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A merchant's channels as the integration tests connect them: a Shopify shop and an Amazon seller account, each with
 * the body Mercator's channel API takes and the body that registers it in its simulator, and the calls that connect
 * them through Mercator's API exactly as a merchant would.
 */
public final class MerchantFixture {

    /** The location the fixtures' shops stock from unless a test needs one of its own. */
    public static final long LOCATION = 24826418;

    private MerchantFixture() {}

    /** A Shopify shop: its domain, Admin API token, webhook signing secret and the location Mercator keeps. */
    public record ShopifyShop(String domain, String token, String secret, long location) {

        /** A new shop nobody else uses, at a random location. */
        public static ShopifyShop random() {
            return new ShopifyShop(
                    SimulatedShopify.newDomain(),
                    "shpat_" + UUID.randomUUID().toString().replace("-", ""),
                    "whsec-" + UUID.randomUUID(),
                    ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        }

        public ShopifyShop at(long location) {
            return new ShopifyShop(domain, token, secret, location);
        }

        public ShopifyShop withToken(String token) {
            return new ShopifyShop(domain, token, secret, location);
        }

        /** The body of {@code PUT /api/channels/shopify}. */
        public Map<String, Object> connection() {
            return Map.of(
                    "shopDomain", domain,
                    "accessToken", token,
                    "webhookSecret", secret,
                    "locationId", Long.toString(location));
        }

        /** The body of the Shopify simulator's {@code PUT _sim/shop}: {@code options} (delivery, bucket) and the shop. */
        public Map<String, Object> registration(Map<String, ?> options) {
            Map<String, Object> body = new LinkedHashMap<>(options);
            body.put("accessToken", token);
            body.put("webhookSecret", secret);
            body.put("locationId", location);
            return body;
        }
    }

    /** An Amazon seller account on the North American marketplace, with the LWA client it authorised. */
    public record AmazonSeller(String sellerId, String clientId, String clientSecret, String refreshToken) {

        public static final String MARKETPLACE = "ATVPDKIKX0DER";

        /** A new seller nobody else uses, authorised for the LWA client {@code clientId}. */
        public static AmazonSeller random(String clientId, String clientSecret) {
            return new AmazonSeller(randomSellerId(13), clientId, clientSecret, "Atzr|" + UUID.randomUUID());
        }

        /** An Amazon seller id: {@code A} and {@code length} upper-case hex digits. */
        public static String randomSellerId(int length) {
            return "A"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, length)
                            .toUpperCase(Locale.ROOT);
        }

        /** The body of {@code PUT /api/channels/amazon}. */
        public Map<String, Object> connection() {
            return Map.of(
                    "sellerId", sellerId,
                    "region", "na",
                    "marketplaceIds", List.of(MARKETPLACE),
                    "lwaClientId", clientId,
                    "lwaClientSecret", clientSecret,
                    "refreshToken", refreshToken);
        }

        /** The body of the Amazon simulator's {@code POST _sim/sellers}, with the seller's listings. */
        public Map<String, Object> registration(List<Map<String, Object>> listings) {
            return Map.of(
                    "sellerId", sellerId,
                    "clientId", clientId,
                    "clientSecret", clientSecret,
                    "refreshToken", refreshToken,
                    "listings", listings);
        }
    }

    /** Connects {@code shop} as the merchant {@code merchant} is signed in as; Mercator must accept it. */
    public static ShopifyShop connect(Api merchant, ShopifyShop shop) {
        accepted("Shopify", merchant.put("/api/channels/shopify", shop.connection()));
        return shop;
    }

    /** Connects {@code seller} as the merchant {@code merchant} is signed in as; Mercator must accept it. */
    public static AmazonSeller connect(Api merchant, AmazonSeller seller) {
        accepted("Amazon", merchant.put("/api/channels/amazon", seller.connection()));
        return seller;
    }

    private static void accepted(String channel, Api.Response response) {
        if (response.status() != 204) {
            throw new IllegalStateException("could not connect " + channel + ": " + response);
        }
    }
}
