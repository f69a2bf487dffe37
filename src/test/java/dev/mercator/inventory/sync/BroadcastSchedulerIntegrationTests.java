package dev.mercator.inventory.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@TestPropertySource(
        properties = {
            // Far shorter than the pushes some tests hold open: pushes renew their leases (ADR 8).
            "mercator.inventory.lease=300ms",
            "mercator.inventory.retry-base=10ms",
            "mercator.inventory.retry-max=50ms",
            "mercator.inventory.verify-delay=0s",
            "mercator.inventory.verify-attempts=2",
            "mercator.inventory.push-batch-size=5",
            "mercator.inventory.bulk-threshold=8"
        })
class BroadcastSchedulerIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    InventorySettings settings;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    ChannelOutbox outbox;

    /** A channel under the test's control: records every push, answers as told, detects overlapping pushes. */
    static class FakeGateway implements ChannelGateway {
        final List<List<PushRequest>> batches = new CopyOnWriteArrayList<>();
        final Map<String, Integer> shown = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final AtomicBoolean overlapped = new AtomicBoolean();
        volatile Function<PushRequest, PushOutcome> answer =
                r -> new PushOutcome.Applied(r.target().sku(), r.quantity());
        volatile Duration delay = Duration.ZERO;
        /** While set, every push waits here until the test counts it down: a push held open for as long as needed. */
        volatile @Nullable CountDownLatch hold;

        volatile boolean bulkPath = true;

        @Override
        public Channel channel() {
            return Channel.AMAZON;
        }

        @Override
        public boolean hasBulkPath() {
            return bulkPath;
        }

        @Override
        public List<PushOutcome> push(MerchantId merchant, List<PushRequest> requests) {
            batches.add(requests);
            List<PushOutcome> outcomes = new ArrayList<>();
            for (PushRequest request : requests) {
                if (inFlight.computeIfAbsent(request.target().sku(), k -> new AtomicInteger())
                                .incrementAndGet()
                        > 1) {
                    overlapped.set(true);
                }
            }
            try {
                CountDownLatch gate = hold;
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the push");
                }
                // A channel's latency, so that two schedulers' passes overlap in time: what their leases must survive.
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (PushRequest request : requests) {
                PushOutcome outcome = answer.apply(request);
                if (outcome instanceof PushOutcome.Applied || outcome instanceof PushOutcome.Accepted) {
                    shown.put(request.target().sku(), request.quantity());
                }
                outcomes.add(outcome);
                inFlight.get(request.target().sku()).decrementAndGet();
            }
            return outcomes;
        }

        @Override
        public ReadBack readBack(MerchantId merchant, PushTarget target) {
            Integer quantity = shown.get(target.sku());
            return quantity == null ? ReadBack.unreadable() : new ReadBack.Shown(quantity);
        }

        List<Integer> pushedQuantities(String sku) {
            List<Integer> quantities = new ArrayList<>();
            for (List<PushRequest> batch : batches) {
                for (PushRequest request : batch) {
                    if (request.target().sku().equals(sku)) {
                        quantities.add(request.quantity());
                    }
                }
            }
            return quantities;
        }
    }

    FakeGateway gateway = new FakeGateway();

    BroadcastScheduler scheduler(FakeGateway fake) {
        return new BroadcastScheduler(
                jdbc, outbox, transactions, settings, Clock.systemUTC(), List.of(fake), List.of());
    }

    ReadBackVerifier verifier(FakeGateway fake) {
        return new ReadBackVerifier(jdbc, outbox, settings, Clock.systemUTC(), List.of(fake));
    }

    Tenant seller() {
        Tenant tenant = newMerchant("Seller " + UUID.randomUUID());
        accounts.saveAmazon(
                MerchantId.of(tenant.id()),
                MerchantFixture.AmazonSeller.randomSellerId(12),
                "na",
                List.of("ATVPDKIKX0DER"),
                "amzn1.application-oa2-client.test",
                "client-secret",
                "Atzr|refresh");
        return tenant;
    }

    JsonNode amazon(Tenant tenant, String sku) {
        return tenant.api().get("/api/inventory/" + sku).json().get("channels").get("amazon");
    }

    void drain(BroadcastScheduler scheduler) {
        for (int i = 0; i < 50 && scheduler.pushPass(Channel.AMAZON) > 0; i++) {
            // until nothing is due
        }
    }

    @Test
    void tenChangesBetweenPushesCostOnePushOfTheLatestValue() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/COAL", Map.of("physical", 20));
        for (int i = 0; i < 10; i++) {
            tenant.api().post("/api/inventory/COAL/adjust", Map.of("delta", -1, "reason", "sale"));
        }

        drain(scheduler(gateway));

        assertThat(gateway.pushedQuantities("COAL")).containsExactly(10);
        JsonNode channel = amazon(tenant, "COAL");
        assertThat(channel.get("syncState").asString()).isEqualTo("in_sync");
        assertThat(channel.get("lastBroadcast").asInt()).isEqualTo(10);
    }

    @Test
    void soldOutSkusArePushedBeforeOthers() {
        Tenant tenant = seller();
        for (int i = 0; i < 6; i++) {
            tenant.api().put("/api/inventory/P-" + i, Map.of("physical", 5));
        }
        tenant.api().put("/api/inventory/SOLD-OUT", Map.of("physical", 0));

        scheduler(gateway).pushPass(Channel.AMAZON);

        assertThat(gateway.batches.getFirst().getFirst().target().sku()).isEqualTo("SOLD-OUT");
        assertThat(gateway.batches.getFirst()).hasSize(5);
    }

    @Test
    void largeBacklogGoesAsOneBatchForTheBulkPath() {
        Tenant tenant = seller();
        for (int i = 0; i < 12; i++) {
            tenant.api().put("/api/inventory/BULK-" + i, Map.of("physical", i));
        }

        scheduler(gateway).pushPass(Channel.AMAZON);

        assertThat(gateway.batches).hasSize(1);
        assertThat(gateway.batches.getFirst()).hasSize(12);
    }

    @Test
    void largeBacklogOnAChannelWithoutBulkPathGoesInRegularBatches() {
        Tenant tenant = seller();
        for (int i = 0; i < 12; i++) {
            tenant.api().put("/api/inventory/NOBULK-" + i, Map.of("physical", i));
        }
        gateway.bulkPath = false;

        BroadcastScheduler scheduler = scheduler(gateway);
        while (scheduler.pushPass(Channel.AMAZON) > 0) {
            // drain the backlog, leaving nothing dirty for the other tests
        }

        List<List<PushRequest>> ours = gateway.batches.stream()
                .filter(batch -> batch.stream().anyMatch(r -> r.target().sku().startsWith("NOBULK-")))
                .toList();
        assertThat(ours).hasSize(3);
        assertThat(ours).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(settings.pushBatchSize()));
        assertThat(ours.stream().mapToInt(List::size).sum()).isEqualTo(12);
    }

    @Test
    void changeDuringAPushIsPushedAfterIt() throws Exception {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/RACE", Map.of("physical", 9));
        CountDownLatch inFlight = new CountDownLatch(1);
        gateway.hold = inFlight;
        BroadcastScheduler scheduler = scheduler(gateway);

        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> pass = pool.submit(() -> scheduler.pushPass(Channel.AMAZON));
            await().until(() -> !gateway.batches.isEmpty());
            tenant.api().post("/api/inventory/RACE/adjust", Map.of("delta", -4, "reason", "sale mid-push"));
            inFlight.countDown();
            pass.get();
        }
        gateway.hold = null;
        drain(scheduler);

        assertThat(gateway.pushedQuantities("RACE")).containsExactly(9, 5);
        assertThat(amazon(tenant, "RACE").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUntilTheyPass() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/FLAKY", Map.of("physical", 3));
        AtomicInteger calls = new AtomicInteger();
        gateway.answer = r -> calls.incrementAndGet() <= 2
                ? new PushOutcome.Transient(r.target().sku(), "HTTP 503")
                : new PushOutcome.Applied(r.target().sku(), r.quantity());
        BroadcastScheduler scheduler = scheduler(gateway);

        scheduler.pushPass(Channel.AMAZON);
        JsonNode pending = amazon(tenant, "FLAKY");
        assertThat(pending.get("syncState").asString()).isEqualTo("pending");
        assertThat(pending.get("error").asString()).contains("HTTP 503");
        // The backoff runs on the outbox's clock, the shared application context's, which a test cannot move: each
        // poll is a pass, and the retry goes out once its backoff has passed.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    scheduler.pushPass(Channel.AMAZON);
                    return calls.get() >= 3;
                });

        assertThat(calls.get()).isEqualTo(3);
        assertThat(amazon(tenant, "FLAKY").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void aPushRefusedForWantOfAMappingIsRetriedOnceTheSkuIsMapped() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/LATE-MAP", Map.of("physical", 6));
        gateway.answer = r -> new PushOutcome.Rejected(r.target().sku(), "not mapped to an Amazon listing");
        BroadcastScheduler scheduler = scheduler(gateway);
        drain(scheduler);
        assertThat(amazon(tenant, "LATE-MAP").get("syncState").asString()).isEqualTo("error");

        gateway.answer = r -> new PushOutcome.Applied(r.target().sku(), r.quantity());
        tenant.api().post("/api/mapping", Map.of("sku", "LATE-MAP", "asin", "B0LATEMAP1"));
        assertThat(amazon(tenant, "LATE-MAP").get("syncState").asString()).isEqualTo("pending");
        drain(scheduler);

        assertThat(gateway.pushedQuantities("LATE-MAP")).containsExactly(6, 6);
        assertThat(amazon(tenant, "LATE-MAP").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void aRejectionOfAPushOvertakenByAMappingDoesNotStick() throws Exception {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/RACE-MAP", Map.of("physical", 7));
        CountDownLatch inFlight = new CountDownLatch(1);
        gateway.hold = inFlight;
        gateway.answer = r -> new PushOutcome.Rejected(r.target().sku(), "not mapped to an Amazon listing");
        BroadcastScheduler scheduler = scheduler(gateway);

        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> pass = pool.submit(() -> scheduler.pushPass(Channel.AMAZON));
            await().until(() -> !gateway.batches.isEmpty());
            tenant.api().post("/api/mapping", Map.of("sku", "RACE-MAP", "asin", "B0RACEMAP1"));
            inFlight.countDown();
            pass.get();
        }
        gateway.hold = null;
        gateway.answer = r -> new PushOutcome.Applied(r.target().sku(), r.quantity());
        drain(scheduler);

        assertThat(gateway.pushedQuantities("RACE-MAP")).containsExactly(7, 7);
        assertThat(amazon(tenant, "RACE-MAP").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void rejectionStopsRetriesShowsTheErrorAndANewChangeTriesAgain() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/BAD", Map.of("physical", 3));
        gateway.answer = r -> new PushOutcome.Rejected(r.target().sku(), "INVALID: unknown SKU on Amazon");
        BroadcastScheduler scheduler = scheduler(gateway);

        drain(scheduler);
        drain(scheduler);

        assertThat(gateway.pushedQuantities("BAD")).hasSize(1);
        JsonNode failed = amazon(tenant, "BAD");
        assertThat(failed.get("syncState").asString()).isEqualTo("error");
        assertThat(failed.get("error").asString()).contains("unknown SKU");

        gateway.answer = r -> new PushOutcome.Applied(r.target().sku(), r.quantity());
        tenant.api().post("/api/inventory/BAD/adjust", Map.of("delta", 1, "reason", "fixed listing"));
        drain(scheduler);

        assertThat(gateway.pushedQuantities("BAD")).containsExactly(3, 4);
        assertThat(amazon(tenant, "BAD").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void throttledPushWaitsWithoutCountingAsAFailure() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/SLOW", Map.of("physical", 3));
        gateway.answer = r -> new PushOutcome.Throttled(r.target().sku(), Duration.ofHours(1));
        BroadcastScheduler scheduler = scheduler(gateway);

        drain(scheduler);

        assertThat(gateway.pushedQuantities("SLOW")).hasSize(1);
        JsonNode waiting = amazon(tenant, "SLOW");
        assertThat(waiting.get("syncState").asString()).isEqualTo("pending");
        assertThat(jdbc.sql(
                                "select attempts from inventory_channels where merchant_id = :m and sku = 'SLOW' and channel = 'amazon'")
                        .param("m", UUID.fromString(tenant.id()))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void acceptedWriteIsVerifiedByReadingBack() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/ACC", Map.of("physical", 6));
        gateway.answer = r -> new PushOutcome.Accepted(r.target().sku(), r.quantity(), "sub-1");
        BroadcastScheduler scheduler = scheduler(gateway);

        drain(scheduler);
        assertThat(amazon(tenant, "ACC").get("syncState").asString()).isEqualTo("pending");
        verifier(gateway).verifyPass(Channel.AMAZON);

        assertThat(amazon(tenant, "ACC").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void acceptedButNeverAppliedIsPushedAgainThenShownAsError() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/GHOST", Map.of("physical", 6));
        // The channel says ACCEPTED but keeps showing its old quantity.
        gateway.answer = r -> new PushOutcome.Accepted(r.target().sku(), r.quantity(), "sub-2");
        gateway.shown.put("GHOST", 1);
        FakeGateway lying = new FakeGateway() {
            @Override
            public ReadBack readBack(MerchantId merchant, PushTarget target) {
                return new ReadBack.Shown(1);
            }
        };
        lying.answer = gateway.answer;
        BroadcastScheduler scheduler = scheduler(lying);

        drain(scheduler);
        verifier(lying).verifyPass(Channel.AMAZON);
        drain(scheduler);
        verifier(lying).verifyPass(Channel.AMAZON);

        assertThat(lying.pushedQuantities("GHOST")).containsExactly(6, 6);
        JsonNode channel = amazon(tenant, "GHOST");
        assertThat(channel.get("syncState").asString()).isEqualTo("error");
        assertThat(channel.get("error").asString()).contains("shows 1, expected 6");
    }

    @Test
    void anItemTheChannelDoesNotListEndsInErrorInsteadOfBeingReadBackForever() {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/NOWHERE", Map.of("physical", 4));
        // Amazon takes a quantity patch for a SKU it does not list (ACCEPTED) and getListingsItem then answers 404.
        FakeGateway unlisted = new FakeGateway() {
            @Override
            public ReadBack readBack(MerchantId merchant, PushTarget target) {
                return new ReadBack.NotListed("Seller SKU " + target.sku() + " is not listed on Amazon");
            }
        };
        unlisted.answer = r -> new PushOutcome.Accepted(r.target().sku(), r.quantity(), "sub-3");
        BroadcastScheduler scheduler = scheduler(unlisted);

        drain(scheduler);
        verifier(unlisted).verifyPass(Channel.AMAZON);
        assertThat(amazon(tenant, "NOWHERE").get("syncState").asString()).isEqualTo("pending");
        verifier(unlisted).verifyPass(Channel.AMAZON);

        // Nothing to gain from pushing again: the write is not repeated, the SKU shows why it is stuck.
        assertThat(unlisted.pushedQuantities("NOWHERE")).containsExactly(4);
        JsonNode channel = amazon(tenant, "NOWHERE");
        assertThat(channel.get("syncState").asString()).isEqualTo("error");
        assertThat(channel.get("error").asString())
                .contains("not listed on Amazon")
                .contains("after 2 read-backs");
    }

    @Test
    void twoSchedulersOnOneDatabaseNeverPushTheSameSkuTwiceAtOnce() throws Exception {
        Tenant tenant = seller();
        for (int i = 0; i < 40; i++) {
            tenant.api().put("/api/inventory/TWO-" + i, Map.of("physical", i + 1));
        }
        gateway.delay = Duration.ofMillis(20);
        BroadcastScheduler first = scheduler(gateway);
        BroadcastScheduler second = scheduler(gateway);

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> runs = new ArrayList<>();
            for (BroadcastScheduler scheduler : List.of(first, second)) {
                runs.add(pool.submit(() -> drain(scheduler)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }

        assertThat(gateway.overlapped).isFalse();
        Map<String, Integer> pushes = new HashMap<>();
        gateway.batches.forEach(
                batch -> batch.forEach(r -> pushes.merge(r.target().sku(), 1, Integer::sum)));
        assertThat(pushes).hasSize(40);
        assertThat(Collections.max(pushes.values())).isEqualTo(1);
    }

    /**
     * A lease (300 ms here) far shorter than the push: the pushing scheduler renews it while the push runs, so another scheduler on
     * the same database never takes the rows over (ADR 8). Without the renewal the second would claim them after one
     * lease and push the same SKU concurrently.
     */
    @Test
    void aPushLongerThanItsLeaseKeepsItsRowsBecauseTheLeaseIsRenewed() throws Exception {
        Tenant tenant = seller();
        tenant.api().put("/api/inventory/LONG-1", Map.of("physical", 3));
        BroadcastScheduler first = scheduler(gateway);
        BroadcastScheduler second = scheduler(gateway);
        CountDownLatch release = new CountDownLatch(1);
        gateway.hold = release;
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Integer> pushing = pool.submit(() -> first.pushPass(Channel.AMAZON));
            await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.batches.isEmpty());

            // Five leases' time while the first push is held open: the rows stay its own.
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> second.pushPass(Channel.AMAZON) == 0);

            release.countDown();
            assertThat(pushing.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            gateway.hold = null;
            release.countDown();
            first.stopRenewals();
            second.stopRenewals();
        }
        assertThat(gateway.overlapped).isFalse();
        assertThat(gateway.batches).hasSize(1);
        assertThat(amazon(tenant, "LONG-1").get("syncState").asString()).isEqualTo("in_sync");
    }

    @Test
    void merchantsWithoutTheChannelConnectedAreNotPushed() {
        Tenant unconnected = newMerchant("No Amazon");
        unconnected.api().put("/api/inventory/LOCAL", Map.of("physical", 2));

        drain(scheduler(gateway));

        assertThat(gateway.pushedQuantities("LOCAL")).isEmpty();
    }
}
