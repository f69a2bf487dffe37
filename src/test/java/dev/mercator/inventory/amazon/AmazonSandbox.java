package dev.mercator.inventory.amazon;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Test fixture over the Amazon simulator's control endpoints ({@code /sandbox/amazon/_sim}), all over HTTP. */
final class AmazonSandbox {

    static final String MARKETPLACE = "ATVPDKIKX0DER";

    private final Api api;
    private final Api admin;

    AmazonSandbox(Api api, Api admin) {
        this.api = api;
        this.admin = admin;
    }

    Api api() {
        return api;
    }

    record Seller(String sellerId, String clientId, String clientSecret, String refreshToken) {}

    /** Builds a seller with a fresh merchant token and fresh app credentials. */
    SellerBuilder newSeller() {
        return new SellerBuilder();
    }

    final class SellerBuilder {
        private final List<Map<String, Object>> listings = new ArrayList<>();
        private final Map<String, Object> rateLimits = new LinkedHashMap<>();
        private String reportCompression = "GZIP";

        SellerBuilder listing(String sku, int quantity) {
            return listing(sku, quantity, null, "PRODUCT");
        }

        SellerBuilder listing(String sku, int quantity, Integer leadTime, String productType) {
            Map<String, Object> listing = new LinkedHashMap<>();
            listing.put("sku", sku);
            listing.put("quantity", quantity);
            listing.put("productType", productType);
            if (leadTime != null) {
                listing.put("leadTimeToShipMaxDays", leadTime);
            }
            listings.add(listing);
            return this;
        }

        SellerBuilder limit(String operation, double rate, int burst) {
            rateLimits.put(operation, Map.of("rate", rate, "burst", burst));
            return this;
        }

        /** Feed processing reports plain, as Amazon may also send them, instead of GZIP. */
        SellerBuilder uncompressedReports() {
            reportCompression = "NONE";
            return this;
        }

        Seller register() {
            String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            Seller seller = new Seller(
                    "A" + id.substring(0, 13),
                    "amzn1.application-oa2-client." + id.toLowerCase(Locale.ROOT),
                    "secret-" + UUID.randomUUID(),
                    "Atzr|" + UUID.randomUUID());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sellerId", seller.sellerId());
            body.put("clientId", seller.clientId());
            body.put("clientSecret", seller.clientSecret());
            body.put("refreshToken", seller.refreshToken());
            body.put("marketplaceIds", List.of(MARKETPLACE));
            body.put("rateLimits", rateLimits);
            body.put("listings", listings);
            body.put("reportCompression", reportCompression);
            expect(api.post("/sandbox/amazon/_sim/sellers", body), 201);
            return seller;
        }
    }

    /** Connects the merchant's Amazon channel to the seller, through Mercator's own API. */
    void connect(Tenant tenant, Seller seller) {
        expect(
                tenant.api()
                        .put(
                                "/api/channels/amazon",
                                Map.of(
                                        "sellerId", seller.sellerId(),
                                        "region", "na",
                                        "marketplaceIds", List.of(MARKETPLACE),
                                        "lwaClientId", seller.clientId(),
                                        "lwaClientSecret", seller.clientSecret(),
                                        "refreshToken", seller.refreshToken())),
                204);
    }

    void addListing(Seller seller, String sku, int quantity, String productType) {
        expect(
                api.post(
                        "/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/listings",
                        List.of(Map.of("sku", sku, "quantity", quantity, "productType", productType))),
                201);
    }

    JsonNode listing(Seller seller, String sku) {
        return expect(api.get("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/listings/" + sku), 200)
                .json();
    }

    int quantity(Seller seller, String sku) {
        return listing(seller, sku).get("quantity").asInt();
    }

    JsonNode stats(Seller seller) {
        return expect(api.get("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/stats"), 200)
                .json();
    }

    long calls(Seller seller, String operation) {
        return stats(seller).path("operations").path(operation).path("calls").asLong(0);
    }

    long throttled(Seller seller, String operation) {
        return stats(seller)
                .path("operations")
                .path(operation)
                .path("throttled")
                .asLong(0);
    }

    long unauthorized(Seller seller) {
        return stats(seller).path("unauthorized").asLong(0);
    }

    long tokensIssued(Seller seller) {
        return stats(seller).path("tokensIssued").asLong(0);
    }

    /**
     * Seeds an order in Orders API v2026-01-01 terms.
     *
     * @param fulfillmentStatus {@code PENDING}, {@code UNSHIPPED}, {@code SHIPPED}, {@code CANCELLED}...
     * @param fulfilledBy {@code MERCHANT} or {@code AMAZON}
     * @return the order id
     */
    String seedOrder(Seller seller, String fulfillmentStatus, String fulfilledBy, Map<String, Integer> itemsBySku) {
        List<Map<String, Object>> items = new ArrayList<>();
        itemsBySku.forEach((sku, quantity) -> items.add(Map.of("sellerSku", sku, "quantity", quantity)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fulfillmentStatus", fulfillmentStatus);
        body.put("fulfilledBy", fulfilledBy);
        body.put("items", items);
        return expect(api.post("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/orders", body), 201)
                .json()
                .get("orderId")
                .asString();
    }

    void changeStatus(Seller seller, String orderId, String fulfillmentStatus) {
        expect(
                api.post(
                        "/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/orders/" + orderId + "/status",
                        Map.of("fulfillmentStatus", fulfillmentStatus)),
                200);
    }

    void cancel(Seller seller, String orderId) {
        expect(
                api.post(
                        "/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/orders/" + orderId + "/cancel",
                        Map.of()),
                200);
    }

    void expireAccessTokens(Seller seller) {
        expect(api.post("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/access-tokens/expire", Map.of()), 200);
    }

    void revokeRefreshToken(Seller seller) {
        expect(api.post("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/refresh-token/revoke", Map.of()), 204);
    }

    void faults(Map<String, Object> faults) {
        expect(admin.post("/api/admin/sandbox/amazon/faults", faults), 200);
    }

    void clearFaults() {
        expect(admin.delete("/api/admin/sandbox/amazon/faults"), 204);
    }

    private static Api.Response expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response);
        }
        return response;
    }
}
