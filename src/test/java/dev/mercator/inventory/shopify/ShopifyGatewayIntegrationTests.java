package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.CredentialAlerts;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.ShopifyShop;
import dev.mercator.support.SimulatedShopify;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Shopify gateway through the real outbound client, over real HTTP, against the store simulator on this test's
 * random port. Every test has a shop of its own; the merchant's token, secret and location are connected in Mercator
 * exactly as the simulator knows them, unless the test is about a mismatch.
 */
class ShopifyGatewayIntegrationTests extends IntegrationTest {

    private static final String FAULTS = "/api/admin/sandbox/shopify/faults";

    @Autowired
    ShopifyGateway gateway;

    @Autowired
    CredentialAlerts credentialAlerts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    OutboundHttp outbound;

    @Autowired
    ProviderEndpoints endpoints;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    ShopifyWrites writes;

    @Autowired
    ShopifyLevels shopifyLevels;

    @Autowired
    ShopifyLevelSettings levelSettings;

    SimulatedShopify sim;

    @BeforeEach
    void simulator() {
        sim = new SimulatedShopify(api);
    }

    @AfterEach
    void clearFaults() {
        assertThat(admin.delete(FAULTS).status()).isEqualTo(204);
    }

    /** A merchant whose Shopify shop is connected in Mercator and registered in the simulator. */
    record Shop(Tenant tenant, String domain, String token, long location) {

        MerchantId merchant() {
            return MerchantId.of(tenant.id());
        }
    }

    Shop shop(Map<String, ?> simulatorOptions) {
        return shop(simulatorOptions, null);
    }

    /** {@code mercatorToken}, when given, is what Mercator is told instead of the shop's real token. */
    Shop shop(Map<String, ?> simulatorOptions, String mercatorToken) {
        Tenant tenant = newMerchant("Shopify merchant " + UUID.randomUUID());
        ShopifyShop shop = ShopifyShop.random();
        sim.register(shop, simulatorOptions);
        MerchantFixture.connect(tenant.api(), mercatorToken != null ? shop.withToken(mercatorToken) : shop);
        return new Shop(tenant, shop.domain(), shop.token(), shop.location());
    }

    static PushRequest request(String sku, long item, int quantity, Integer lastConfirmed) {
        return new PushRequest(
                new PushTarget(sku, null, null, Long.toString(item), null),
                quantity,
                lastConfirmed,
                UUID.randomUUID().toString());
    }

    PushOutcome push(Shop shop, PushRequest request) {
        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(request));
        assertThat(outcomes).hasSize(1);
        return outcomes.getFirst();
    }

    long writesRecorded(Shop shop, long item, int quantity) {
        return jdbc.sql("select count(*) from inventory_shopify_writes where merchant_id = :m "
                        + "and inventory_item_id = :item and quantity = :quantity")
                .param("m", shop.merchant().value())
                .param("item", Long.toString(item))
                .param("quantity", quantity)
                .query(Long.class)
                .single();
    }

    @Test
    void setsAvailableWithCompareAndSetAndRecordsTheWriteForItsEcho() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "MUG", 10);

        PushOutcome outcome = push(shop, request("MUG", item, 7, 10));

        assertThat(outcome).isEqualTo(new PushOutcome.Applied("MUG", 7));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(7);
        assertThat(sim.apiCounters(shop.domain()).get("mutationsApplied").asLong())
                .isEqualTo(1);
        assertThat(sim.apiCounters(shop.domain()).get("staleRejections").asLong())
                .isZero();
        assertThat(writesRecorded(shop, item, 7)).isEqualTo(1);
        assertThat(gateway.readBack(shop.merchant(), new PushTarget("MUG", null, null, Long.toString(item), null)))
                .isEqualTo(new ReadBack.Shown(7));
    }

    @Test
    void readsTheLevelFirstWhenShopifyNeverConfirmedAnything() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "TEE", 10);

        PushOutcome outcome = push(shop, request("TEE", item, 4, null));

        assertThat(outcome).isEqualTo(new PushOutcome.Applied("TEE", 4));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(4);
        assertThat(sim.apiCounters(shop.domain()).get("graphqlRequests").asLong())
                .isEqualTo(2);
        // Nothing to change: the read shows the quantity already, so nothing is written.
        assertThat(push(shop, request("TEE", item, 4, null))).isEqualTo(new PushOutcome.Applied("TEE", 4));
        assertThat(sim.apiCounters(shop.domain()).get("mutationsApplied").asLong())
                .isEqualTo(1);
    }

    @Test
    void staleExpectationIsReReadAndRetriedWithinThePush() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "CAP", 10);
        // A sale in the shop since Mercator's last confirmed write: 10 is no longer true.
        sim.edit(shop.domain(), item, 9);

        PushOutcome outcome = push(shop, request("CAP", item, 6, 10));

        assertThat(outcome).isEqualTo(new PushOutcome.Applied("CAP", 6));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(6);
        assertThat(sim.apiCounters(shop.domain()).get("staleRejections").asLong())
                .isEqualTo(1);
        assertThat(sim.apiCounters(shop.domain()).get("mutationsApplied").asLong())
                .isEqualTo(1);
    }

    @Test
    void levelThatKeepsChangingIsReportedStaleWithTheChannelsQuantity() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "SOCK", 10);
        // Another app sells one unit just before each of Mercator's writes lands.
        sim.contend(shop.domain(), item, -1);

        PushOutcome outcome = push(shop, request("SOCK", item, 5, 10));

        int now = sim.available(shop.domain(), item);
        assertThat(now).isEqualTo(8);
        assertThat(outcome).isEqualTo(new PushOutcome.Stale("SOCK", now));
        assertThat(sim.apiCounters(shop.domain()).get("staleRejections").asLong())
                .isEqualTo(2);
        // Not applied, so no echo will come: the recorded write is gone and cannot mask a real edit to 5.
        assertThat(writesRecorded(shop, item, 5)).isZero();
    }

    @Test
    void repeatedPushIsRecognisedByItsIdempotencyKeyAndNotAppliedTwice() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "VASE", 10);
        PushRequest request = request("VASE", item, 7, 10);
        assertThat(push(shop, request)).isEqualTo(new PushOutcome.Applied("VASE", 7));
        sim.order(shop.domain(), "VASE", 2);

        // The same push again, as after a crash before the outcome was stored.
        PushOutcome replay = push(shop, request);

        assertThat(replay).isEqualTo(new PushOutcome.Applied("VASE", 7));
        // Shopify returned the first result; the order's decrement was not overwritten by a second write.
        assertThat(sim.available(shop.domain(), item)).isEqualTo(5);
        assertThat(sim.apiCounters(shop.domain()).get("idempotentReplays").asLong())
                .isEqualTo(1);
        assertThat(sim.apiCounters(shop.domain()).get("mutationsApplied").asLong())
                .isEqualTo(1);
    }

    @Test
    void samekeyWithANewExpectationIsANewOperationWithAKeyOfItsOwn() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "LAMP", 10);
        PushRequest first = request("LAMP", item, 7, 10);
        assertThat(push(shop, first)).isEqualTo(new PushOutcome.Applied("LAMP", 7));
        sim.order(shop.domain(), "LAMP", 2);

        PushOutcome again = push(shop, new PushRequest(first.target(), 4, 5, first.idempotencyKey()));

        assertThat(again).isEqualTo(new PushOutcome.Applied("LAMP", 4));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(4);
    }

    @Test
    void emptyCostBucketIsThrottledWithTheTimeShopifyNeedsToRefill() {
        // A small bucket that refills slowly: 30 points, half a point a second.
        Shop shop = shop(Map.of("bucketSize", 30, "restoreRate", 0.5));
        long item = sim.stock(shop.domain(), "FORK", 10);
        // Another app spends the bucket (each of these reads costs 3).
        for (int i = 0; i < 10; i++) {
            sim.graphql(
                    shop.domain(),
                    shop.token(),
                    "{ inventoryItem(id: \"gid://shopify/InventoryItem/" + item + "\") { inventoryLevel(locationId: "
                            + "\"gid://shopify/Location/" + shop.location() + "\") { quantities(names: [\"available\"])"
                            + " { quantity } } } }",
                    Map.of());
        }

        PushOutcome throttled = push(shop, request("FORK", item, 7, 10));

        assertThat(throttled).isInstanceOf(PushOutcome.Throttled.class);
        Duration retryAfter = ((PushOutcome.Throttled) throttled).retryAfter();
        // (10 points needed − what is left) / 0.5 points a second: at most 20 s.
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(sim.apiCounters(shop.domain()).get("throttled").asLong()).isEqualTo(1);
        assertThat(writesRecorded(shop, item, 7)).isZero();

        // Now the gateway knows the bucket is empty: the next push is throttled without a call.
        long requests = sim.apiCounters(shop.domain()).get("graphqlRequests").asLong();
        PushOutcome again = push(shop, request("FORK", item, 7, 10));
        assertThat(again).isInstanceOf(PushOutcome.Throttled.class);
        assertThat(((PushOutcome.Throttled) again).retryAfter())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(sim.apiCounters(shop.domain()).get("graphqlRequests").asLong())
                .isEqualTo(requests);
        assertThat(sim.available(shop.domain(), item)).isEqualTo(10);
    }

    @Test
    void throttlingAnsweredWith429HonoursRetryAfter() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "PEN", 10);
        admin.post(FAULTS, Map.of("throttleRate", 1.0, "retryAfterSeconds", 7));

        PushOutcome outcome = push(shop, request("PEN", item, 3, 10));

        assertThat(outcome).isEqualTo(new PushOutcome.Throttled("PEN", Duration.ofSeconds(7)));
    }

    @Test
    void wrongAccessTokenIsRejectedAndTheBatchStopsAtTheFirstRefusal() {
        Shop shop = shop(Map.of(), "shpat_not-the-right-token");
        long one = sim.stock(shop.domain(), "ONE", 10);
        long two = sim.stock(shop.domain(), "TWO", 10);
        double refusedBefore = outbound("client_error");

        List<PushOutcome> outcomes =
                gateway.push(shop.merchant(), List.of(request("ONE", one, 1, 10), request("TWO", two, 1, 10)));

        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                PushOutcome.Rejected.class,
                                rejected -> assertThat(rejected.reason())
                                        .contains("access token")
                                        .contains("401")));
        assertThat(outbound("client_error")).isEqualTo(refusedBefore + 1);
        assertThat(sim.available(shop.domain(), one)).isEqualTo(10);
        assertThat(gateway.readBack(shop.merchant(), new PushTarget("ONE", null, null, Long.toString(one), null)))
                .isEqualTo(ReadBack.unreadable());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(shop.tenant()
                                .api()
                                .get("/api/alerts?type=shopify.token_refused")
                                .json()
                                .get("items"))
                        .singleElement()
                        .satisfies(alert -> {
                            assertThat(alert.get("subject").asString()).isEqualTo("Shopify shop " + shop.domain());
                            assertThat(alert.get("state").asString()).isEqualTo("open");
                        }));
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "BOWL", 10);
        PushTarget target = new PushTarget("BOWL", null, null, Long.toString(item), null);

        admin.post(FAULTS, Map.of("errorRate", 1.0));
        PushOutcome failing = push(shop, request("BOWL", item, 3, 10));
        assertThat(failing)
                .isInstanceOfSatisfying(
                        PushOutcome.Transient.class, t -> assertThat(t.reason()).matches("Shopify HTTP 50[03]"));
        assertThat(gateway.readBack(shop.merchant(), target)).isEqualTo(ReadBack.unreadable());

        admin.post(FAULTS, Map.of("outage", true));
        PushOutcome down = push(shop, request("BOWL", item, 3, 10));
        assertThat(down)
                .isInstanceOfSatisfying(
                        PushOutcome.Transient.class, t -> assertThat(t.reason()).isEqualTo("Shopify HTTP 503"));

        admin.delete(FAULTS);
        assertThat(sim.available(shop.domain(), item)).isEqualTo(10);
        assertThat(push(shop, request("BOWL", item, 3, 10))).isEqualTo(new PushOutcome.Applied("BOWL", 3));
    }

    @Test
    void unreachableShopifyIsTransient() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "NAIL", 10);
        admin.post(FAULTS, Map.of("latencyMs", 10_500));

        // The read timeout is 10 s by default; the simulator answers after 10.5 s.
        PushOutcome outcome = push(shop, request("NAIL", item, 3, 10));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PushOutcome.Transient.class, t -> assertThat(t.reason()).isEqualTo("Shopify timeout"));
    }

    @Test
    void requestsWithoutAShopifyItemOrAtAnUnknownLocationAreRejected() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "CUP", 10);
        PushRequest unmapped =
                new PushRequest(new PushTarget("CUP", "B000000001", null, null, null), 3, 10, "k-" + UUID.randomUUID());
        PushRequest elsewhere = new PushRequest(
                new PushTarget("CUP", null, null, Long.toString(item), "123"), 3, 10, "k-" + UUID.randomUUID());

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(unmapped, elsewhere));

        assertThat(outcomes.get(0)).isEqualTo(new PushOutcome.Rejected("CUP", ShopifyGateway.NOT_MAPPED));
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        PushOutcome.Rejected.class, r -> assertThat(r.reason()).contains("INVALID_LOCATION"));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(10);
    }

    @Test
    void liveModeAddressesTheShopThroughTheBaseUrlTemplate() {
        Shop shop = shop(Map.of());
        long item = sim.stock(shop.domain(), "JUG", 10);
        // Live, {shop} is the host; pointing the template at the simulator shows the shop lands where it belongs.
        ShopifySettings live = new ShopifySettings(
                "live", "http://localhost:" + port + "/sandbox/shopify/{shop}", "2026-04", Duration.ofSeconds(2));
        ShopifyAdminApi liveApi = new ShopifyAdminApi(outbound, endpoints, live, Clock.systemUTC(), credentialAlerts);
        ShopifyGateway liveGateway = new ShopifyGateway(
                liveApi, new ShopifyInventoryReads(liveApi), accounts, writes, shopifyLevels, levelSettings);

        PushOutcome outcome = liveGateway
                .push(shop.merchant(), List.of(request("JUG", item, 2, 10)))
                .getFirst();

        assertThat(outcome).isEqualTo(new PushOutcome.Applied("JUG", 2));
        assertThat(sim.available(shop.domain(), item)).isEqualTo(2);
    }

    @Test
    void merchantWithoutAShopIsRejected() {
        Tenant tenant = newMerchant("No shop " + UUID.randomUUID());

        List<PushOutcome> outcomes = gateway.push(MerchantId.of(tenant.id()), List.of(request("X", 1, 1, 0)));

        assertThat(outcomes).containsExactly(new PushOutcome.Rejected("X", "Shopify is not connected"));
    }

    private double outbound(String outcome) {
        Timer timer = meters.find("mercator.outbound.requests")
                .tag("provider", "shopify")
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
