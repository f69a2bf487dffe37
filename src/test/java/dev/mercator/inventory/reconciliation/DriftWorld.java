package dev.mercator.inventory.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest.Tenant;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.SimulatedShopify;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A merchant's channels in the simulators and the changes made to them behind Mercator's back, all over HTTP; and the
 * reconciliation API as the merchant calls it.
 */
final class DriftWorld {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Api api;

    DriftWorld(Api api) {
        this.api = api;
    }

    static String sku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // --- Amazon ------------------------------------------------------------------------------------------------------

    /** A new seller listing each SKU at {@code quantity}, connected as the merchant's Amazon channel. */
    MerchantFixture.AmazonSeller amazon(Tenant tenant, List<String> skus, int quantity) {
        MerchantFixture.AmazonSeller seller = MerchantFixture.AmazonSeller.random(
                "amzn1.application-oa2-client." + UUID.randomUUID().toString().replace("-", ""),
                "secret-" + UUID.randomUUID());
        List<Map<String, Object>> listings = skus.stream()
                .<Map<String, Object>>map(sku -> Map.of("sku", sku, "quantity", quantity, "productType", "PRODUCT"))
                .toList();
        expect(api.post("/sandbox/amazon/_sim/sellers", seller.registration(listings)), 201);
        return MerchantFixture.connect(tenant.api(), seller);
    }

    /** A quantity changed in Seller Central (or by another app): nothing reaches Mercator. */
    void changeOnAmazon(MerchantFixture.AmazonSeller seller, String sku, int quantity) {
        expect(
                api.put(
                        "/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/listings/" + sku + "/quantity",
                        Map.of("quantity", quantity)),
                200);
    }

    int onAmazon(MerchantFixture.AmazonSeller seller, String sku) {
        return expect(api.get("/sandbox/amazon/_sim/sellers/" + seller.sellerId() + "/listings/" + sku), 200)
                .get("quantity")
                .asInt();
    }

    // --- Shopify -----------------------------------------------------------------------------------------------------

    /** A manual edit in Shopify admin whose inventory_levels/update webhook never arrives. */
    void editOnShopifyLosingWebhook(String domain, long item, int available) {
        expect(
                api.put(
                        "/sandbox/shopify/" + domain + "/_sim/inventory-items/" + item + "/lost-webhook-edit",
                        Map.of("available", available)),
                200);
    }

    int onShopify(String domain, long item) {
        return new SimulatedShopify(api).available(domain, item);
    }

    // --- Mercator ----------------------------------------------------------------------------------------------------

    static JsonNode sku(Tenant tenant, String sku) {
        return expect(tenant.api().get("/api/inventory/" + sku), 200);
    }

    static void awaitInSync(Tenant tenant, String sku, int physical, String... channels) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode view = tenant.api().get("/api/inventory/" + sku).json();
            assertThat(inSync(view, physical, channels)).as(view.toString()).isTrue();
        });
    }

    private static boolean inSync(JsonNode view, int physical, String... channels) {
        if (view.get("physical").asInt() != physical) {
            return false;
        }
        for (String channel : channels) {
            JsonNode row = view.get("channels").get(channel);
            if (!row.get("syncState").asString().equals("in_sync")
                    || row.get("lastBroadcast").asInt(-1) != physical) {
                return false;
            }
        }
        return true;
    }

    /** Starts a run as the merchant (202) and waits until it has ended; returns the run with its drifts. */
    static JsonNode run(Tenant tenant) {
        Api.Response started = tenant.api().post("/api/reconciliation/runs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/reconciliation/runs/" + id);
        return awaitEnded(tenant, id);
    }

    static JsonNode awaitEnded(Tenant tenant, String id) {
        await().atMost(PATIENCE)
                .until(() -> !tenant.api()
                        .get("/api/reconciliation/runs/" + id)
                        .json()
                        .get("state")
                        .asString()
                        .equals("running"));
        JsonNode run = expect(tenant.api().get("/api/reconciliation/runs/" + id), 200);
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("finished");
        return run;
    }

    /** The merchant's alerts of {@code type} about {@code subject}, in the state given (open or resolved). */
    static List<JsonNode> alerts(Tenant tenant, String type, String subject, String state) {
        JsonNode page = expect(tenant.api().get("/api/alerts?type=" + type + "&state=" + state + "&size=200"), 200);
        return page.get("items")
                .valueStream()
                .filter(alert -> alert.get("subject").asString().equals(subject))
                .toList();
    }

    static JsonNode expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response);
        }
        return response.json();
    }
}
