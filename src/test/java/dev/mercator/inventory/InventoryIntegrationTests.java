package dev.mercator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class InventoryIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryLedger ledger;

    @Autowired
    StockLevels levels;

    @Test
    void putCreatesSkuWithChannelsAndLedgerEntry() {
        Tenant shop = newMerchant("Mugs Inc");

        Api.Response created = shop.api().put("/api/inventory/MUG-RED", Map.of("physical", 12));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("physical").asInt()).isEqualTo(12);
        assertThat(body.get("channels").get("shopify").get("broadcast").asInt()).isEqualTo(12);
        assertThat(body.get("channels").get("amazon").get("syncState").asString())
                .isEqualTo("pending");
        JsonNode history = shop.api().get("/api/inventory/MUG-RED/history").json();
        assertThat(history.get("items")).hasSize(1);
        assertThat(history.get("items").get(0).get("delta").asInt()).isEqualTo(12);
        assertLedgerMatches(shop, "MUG-RED");
    }

    @Test
    void adjustByDeltaOrToPhysicalWithReason() {
        Tenant shop = newMerchant("Adjusters");
        shop.api().put("/api/inventory/SKU-1", Map.of("physical", 10));

        shop.api().post("/api/inventory/SKU-1/adjust", Map.of("delta", -3, "reason", "damaged in store"));
        Api.Response set = shop.api().post("/api/inventory/SKU-1/adjust", Map.of("physical", 20, "reason", "recount"));

        assertThat(set.json().get("physical").asInt()).isEqualTo(20);
        JsonNode entries = shop.api().get("/api/inventory/SKU-1/history").json().get("items");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).get("reason").asString()).isEqualTo("damaged in store");
        assertThat(entries.get(1).get("physicalBefore").asInt()).isEqualTo(10);
        assertThat(entries.get(1).get("physicalAfter").asInt()).isEqualTo(7);
        assertThat(entries.get(2).get("delta").asInt()).isEqualTo(13);
        assertLedgerMatches(shop, "SKU-1");
    }

    @Test
    void sameIdempotencyKeyAppliesOnce() {
        Tenant shop = newMerchant("Retrying Client");
        shop.api().put("/api/inventory/SKU-2", Map.of("physical", 10));

        for (int i = 0; i < 3; i++) {
            shop.api()
                    .post(
                            "/api/inventory/SKU-2/adjust",
                            Map.of("delta", -1, "reason", "sold at market"),
                            "Idempotency-Key",
                            "sale-77");
        }

        assertThat(shop.api().get("/api/inventory/SKU-2").json().get("physical").asInt())
                .isEqualTo(9);
        assertLedgerMatches(shop, "SKU-2");
    }

    @Test
    void concurrentChangesOnOneSkuAreAllAppliedExactly() throws Exception {
        Tenant shop = newMerchant("Flash Sale");
        shop.api().put("/api/inventory/HOT", Map.of("physical", 500));

        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> shop.api()
                        .post("/api/inventory/HOT/adjust", Map.of("delta", -1, "reason", "sale"))
                        .status()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        }

        assertThat(shop.api().get("/api/inventory/HOT").json().get("physical").asInt())
                .isEqualTo(300);
        assertThat(shop.api()
                        .get("/api/inventory/HOT/history?size=500")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(201);
        assertLedgerMatches(shop, "HOT");
    }

    @Test
    void concurrentDuplicatesOfOneEventApplyOnce() throws Exception {
        Tenant shop = newMerchant("Duplicates");
        MerchantId merchant = MerchantId.of(shop.id());
        shop.api().put("/api/inventory/DUP", Map.of("physical", 50));
        StockChange sale = StockChange.delta(
                StockChange.ItemRef.sku("DUP"), -2, StockSource.API, "order-1:line-1", "order", "test");

        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            List<Future<InventoryLedger.Result>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(pool.submit(() -> ledger.apply(merchant, sale)));
            }
            long applied = 0;
            for (Future<InventoryLedger.Result> result : results) {
                if (result.get().outcome() == InventoryLedger.Outcome.APPLIED) {
                    applied++;
                }
            }
            assertThat(applied).isEqualTo(1);
        }

        assertThat(levels.find(merchant, "DUP").orElseThrow().physical()).isEqualTo(48);
        assertLedgerMatches(shop, "DUP");
    }

    @Test
    void buffersShapeTheBroadcastPerChannel() {
        Tenant shop = newMerchant("Buffered");
        shop.api().put("/api/inventory/B-1", Map.of("physical", 5));

        shop.api().post("/api/buffer/B-1", Map.of("channel", "amazon", "buffer", 2));
        Api.Response all = shop.api().post("/api/buffer/B-1", Map.of("buffer", 1));
        Api.Response amazonOnly = shop.api().post("/api/buffer/B-1", Map.of("channel", "amazon", "buffer", 9));

        assertThat(all.json().get("shopify").get("broadcast").asInt()).isEqualTo(4);
        assertThat(amazonOnly.json().get("amazon").get("buffer").asInt()).isEqualTo(9);
        assertThat(amazonOnly.json().get("amazon").get("broadcast").asInt()).isZero();
        assertThat(shop.api()
                        .get("/api/buffer/B-1")
                        .json()
                        .get("shopify")
                        .get("buffer")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void changesMarkOnlyChannelsWhoseBroadcastDiffersAndZeroStockGoesFirst() {
        Tenant shop = newMerchant("Outbox");
        MerchantId merchant = MerchantId.of(shop.id());
        shop.api().put("/api/inventory/OB-1", Map.of("physical", 3));
        // As if both channels had confirmed 3.
        jdbc.sql("update inventory_channels set last_broadcast = 3, dirty = false, dirty_since = null, "
                        + "sync_state = 'in_sync' where merchant_id = :m and sku = 'OB-1'")
                .param("m", merchant.value())
                .update();
        shop.api().post("/api/buffer/OB-1", Map.of("channel", "amazon", "buffer", 0));
        assertThat(dirtyChannels(merchant, "OB-1")).isEmpty();

        shop.api().post("/api/inventory/OB-1/adjust", Map.of("delta", -3, "reason", "sold out"));

        assertThat(dirtyChannels(merchant, "OB-1")).containsExactlyInAnyOrder("shopify", "amazon");
        assertThat(jdbc.sql("select min(push_priority) from inventory_channels where merchant_id = :m and sku = 'OB-1'")
                        .param("m", merchant.value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void eventsForUnknownSkusAreKeptAndAppliedWhenTheSkuAppears() {
        Tenant shop = newMerchant("Early Orders");
        MerchantId merchant = MerchantId.of(shop.id());

        InventoryLedger.Result kept = ledger.apply(
                merchant,
                StockChange.delta(
                        StockChange.ItemRef.sku("NEW-1"), -2, StockSource.API, "order-9:line-1", "order", "test"));

        assertThat(kept.outcome()).isEqualTo(InventoryLedger.Outcome.UNMAPPED);
        JsonNode unmapped = shop.api().get("/api/inventory/unmapped").json();
        assertThat(unmapped).hasSize(1);
        assertThat(unmapped.get(0).get("ref").asString()).isEqualTo("NEW-1");

        shop.api().put("/api/inventory/NEW-1", Map.of("physical", 10));

        assertThat(shop.api().get("/api/inventory/NEW-1").json().get("physical").asInt())
                .isEqualTo(8);
        assertThat(shop.api().get("/api/inventory/unmapped").json()).isEmpty();
        assertLedgerMatches(shop, "NEW-1");
    }

    @Test
    void eventsForUnmappedShopifyItemsAreAppliedOnceMapped() {
        Tenant shop = newMerchant("Mapping Later");
        MerchantId merchant = MerchantId.of(shop.id());
        shop.api().put("/api/inventory/MAP-1", Map.of("physical", 10));
        ledger.apply(
                merchant,
                StockChange.delta(
                        StockChange.ItemRef.shopifyItem("4242"),
                        -1,
                        StockSource.SHOPIFY,
                        "order-1:line-7",
                        "order",
                        "shopify"));
        assertThat(shop.api().get("/api/inventory/MAP-1").json().get("physical").asInt())
                .isEqualTo(10);

        Api.Response mapped = shop.api()
                .post(
                        "/api/mapping",
                        Map.of(
                                "sku", "MAP-1",
                                "asin", "B071VG5N9D",
                                "shopifyInventoryItemId", "4242",
                                "shopifyLocationId", "77"));

        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(200);
        assertThat(shop.api().get("/api/mapping/MAP-1").json().get("asin").asString())
                .isEqualTo("B071VG5N9D");
        assertThat(shop.api().get("/api/inventory/MAP-1").json().get("physical").asInt())
                .isEqualTo(9);
        assertLedgerMatches(shop, "MAP-1");
    }

    @Test
    void badInputIsRefusedAndNothingChanges() {
        Tenant shop = newMerchant("Careless");
        shop.api().put("/api/inventory/SAFE", Map.of("physical", 10));

        assertThat(shop.api().put("/api/inventory/SAFE", Map.of("physical", -1)).status())
                .isEqualTo(400);
        assertThat(shop.api().put("/api/inventory/SAFE", "{\"physical\": 1.5}").status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .put("/api/inventory/SAFE", "{\"physical\": \"ten\"}")
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .put("/api/inventory/SAFE", Map.of("physical", 2_000_000_000))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .post("/api/inventory/SAFE/adjust", Map.of("delta", -1))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .post("/api/inventory/SAFE/adjust", Map.of("delta", -1, "physical", 3, "reason", "x"))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .post("/api/inventory/SAFE/adjust", Map.of("delta", 5_000_000, "reason", "absurd"))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .put("/api/inventory/bad%20sku", Map.of("physical", 1))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api()
                        .post("/api/mapping", Map.of("sku", "SAFE", "asin", "nope"))
                        .status())
                .isEqualTo(400);
        assertThat(shop.api().get("/api/inventory/MISSING").status()).isEqualTo(404);

        assertThat(shop.api().get("/api/inventory/SAFE").json().get("physical").asInt())
                .isEqualTo(10);
        assertThat(shop.api()
                        .get("/api/inventory/SAFE/history")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void merchantsNeverSeeOrChangeEachOthersStock() {
        Tenant alice = newMerchant("Alice");
        Tenant bob = newMerchant("Bob");
        alice.api().put("/api/inventory/SHARED-NAME", Map.of("physical", 7));

        assertThat(bob.api().get("/api/inventory/SHARED-NAME").status()).isEqualTo(404);
        assertThat(bob.api().get("/api/inventory/SHARED-NAME/history").status()).isEqualTo(404);
        assertThat(bob.api().get("/api/buffer/SHARED-NAME").status()).isEqualTo(404);
        assertThat(bob.api()
                        .post("/api/inventory/SHARED-NAME/adjust", Map.of("delta", -7, "reason", "theft"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.api()
                        .post("/api/buffer/SHARED-NAME", Map.of("buffer", 3))
                        .status())
                .isEqualTo(404);
        assertThat(bob.api().get("/api/inventory").json().get("total").asLong()).isZero();
        alice.api()
                .post(
                        "/api/mapping",
                        Map.of("sku", "SHARED-NAME", "asin", "B000ALICE1", "shopifyInventoryItemId", "777"));
        ledger.apply(
                MerchantId.of(alice.id()),
                StockChange.delta(
                        StockChange.ItemRef.sku("ALICE-ONLY"), -1, StockSource.API, "alice-order:1", "order", "test"));
        assertThat(bob.api().get("/api/mapping/SHARED-NAME").status()).isEqualTo(404);
        assertThat(bob.api().get("/api/inventory/unmapped").json()).isEmpty();
        assertThat(bob.api()
                        .get("/api/channels")
                        .json()
                        .get(0)
                        .get("configured")
                        .asBoolean())
                .isFalse();
        // Bob mapping the same Shopify item id for his own SKU neither fails on nor touches Alice's mapping.
        assertThat(bob.api()
                        .post(
                                "/api/mapping",
                                Map.of("sku", "SHARED-NAME", "asin", "B000BOBBB1", "shopifyInventoryItemId", "777"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.api()
                        .get("/api/mapping/SHARED-NAME")
                        .json()
                        .get("asin")
                        .asString())
                .isEqualTo("B000ALICE1");

        bob.api().put("/api/inventory/SHARED-NAME", Map.of("physical", 1));

        assertThat(alice.api()
                        .get("/api/inventory/SHARED-NAME")
                        .json()
                        .get("physical")
                        .asInt())
                .isEqualTo(7);
        assertThat(alice.api()
                        .get("/api/inventory/SHARED-NAME")
                        .json()
                        .get("channels")
                        .get("shopify")
                        .get("buffer")
                        .asInt())
                .isZero();
        assertThat(api.get("/api/inventory").status()).isEqualTo(401);
    }

    private List<String> dirtyChannels(MerchantId merchant, String sku) {
        return jdbc.sql("select channel from inventory_channels where merchant_id = :m and sku = :s and dirty = true")
                .param("m", merchant.value())
                .param("s", sku)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    private void assertLedgerMatches(Tenant tenant, String sku) {
        MerchantId merchant = MerchantId.of(tenant.id());
        assertThat(levels.ledgerSum(merchant, sku))
                .as("physical must equal the sum of the ledger")
                .isEqualTo(levels.find(merchant, sku).orElseThrow().physical());
    }

    static String uniqueSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
