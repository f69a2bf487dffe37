package dev.mercator.inventory.reconciliation;

import static dev.mercator.inventory.reconciliation.DriftWorld.expect;
import static dev.mercator.inventory.reconciliation.DriftWorld.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation API and what a run must not call drift, with the push workers off so that a push stays pending
 * or in flight exactly as long as the test needs: the test confirms pushes through the outbox's own transitions, as
 * the push worker would.
 */
class ReconciliationRunsIntegrationTests extends IntegrationTest {

    @Autowired
    ChannelOutbox outbox;

    @Autowired
    ReconciliationRuns runs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPushPendingOrInFlightOrAChangeSinceTheLastBroadcastIsNotDrift() {
        DriftWorld world = new DriftWorld(api);
        Tenant tenant = newMerchant("Explained differences");
        MerchantId merchant = MerchantId.of(tenant.id());
        String pending = DriftWorld.sku("PENDING");
        String inFlight = DriftWorld.sku("IN-FLIGHT");
        String drifted = DriftWorld.sku("DRIFTED");
        String lowered = DriftWorld.sku("LOWERED");
        MerchantFixture.AmazonSeller seller = world.amazon(tenant, List.of(pending, inFlight, drifted, lowered), 10);
        for (String sku : List.of(pending, inFlight, drifted, lowered)) {
            tenant.api().put("/api/inventory/" + sku, Map.of("physical", 10));
        }
        confirmAmazonPushes(merchant);

        // A sale recorded after the last confirmed broadcast, its push claimed and under way: Amazon shows something
        // else, and the push on its way explains it.
        world.changeOnAmazon(seller, inFlight, 14);
        sell(tenant, inFlight);
        ChannelOutbox.Lease lease = outbox.claim(Channel.AMAZON, merchant, 100);
        assertThat(leased(lease)).containsExactly(inFlight);
        // A sale recorded after the last confirmed broadcast, its push not even started yet.
        world.changeOnAmazon(seller, pending, 15);
        sell(tenant, pending);
        // Amazon lowers a listing when it takes an order, minutes before the orders poll brings it: a lower quantity
        // while the poll has not passed the read may be a sale.
        world.changeOnAmazon(seller, lowered, 8);
        // Nothing explains this one: the control that shows the run does find drift here.
        world.changeOnAmazon(seller, drifted, 12);

        JsonNode result = run(tenant);

        assertThat(result.get("drifted").asInt()).as(result.toString()).isEqualTo(1);
        assertThat(result.get("skusChecked").asInt()).isEqualTo(1);
        assertThat(result.get("skipped").asInt()).isEqualTo(3);
        assertThat(result.get("apiCalls").asInt()).isEqualTo(2);
        assertThat(result.get("drifts")
                        .valueStream()
                        .map(drift -> drift.get("sku").asString())
                        .toList())
                .containsExactly(drifted);
        // The in-flight push still holds its lease and its change; the pending one still waits with its own.
        assertThat(leased(lease)).containsExactly(inFlight);
        assertThat(lastBroadcast(merchant, pending)).isEqualTo(10);
        assertThat(lastBroadcast(merchant, inFlight)).isEqualTo(10);
        assertThat(lastBroadcast(merchant, drifted)).isEqualTo(12);
        assertThat(lastBroadcast(merchant, lowered)).isEqualTo(10);

        // Once the orders poll has passed the read with no order for it, the lower quantity is drift.
        ordersPolledThrough(merchant, seller, Instant.now());
        JsonNode next = run(tenant);
        assertThat(next.get("drifts")
                        .valueStream()
                        .map(drift -> drift.get("sku").asString() + "="
                                + drift.get("shown").asInt())
                        .toList())
                .as(next.toString())
                .containsExactly(lowered + "=8");
        assertThat(lastBroadcast(merchant, lowered)).isEqualTo(8);
    }

    /** As the Amazon orders poller records a complete poll up to {@code through}. */
    private void ordersPolledThrough(MerchantId merchant, MerchantFixture.AmazonSeller seller, Instant through) {
        jdbc.sql("""
                        insert into amazon_order_watermarks (merchant_id, seller_id, last_updated_after, polled_at)
                        values (:merchant, :seller, :through, :through)""")
                .param("merchant", merchant.value())
                .param("seller", seller.sellerId())
                .param("through", java.sql.Timestamp.from(through))
                .update();
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedWithAProblemDetail() {
        Tenant tenant = newMerchant("Busy reconciler");
        MerchantId merchant = MerchantId.of(tenant.id());
        // As an instance holds the merchant while its run reads the channels.
        ReconciliationRuns.Run running =
                runs.open(merchant, Trigger.SCHEDULE, null).orElseThrow();

        Api.Response refused = tenant.api().post("/api/reconciliation/runs", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("runningRunId").asString())
                .isEqualTo(running.id().toString());
        assertThat(tenant.api()
                        .get("/api/reconciliation/runs")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);

        runs.finish(running, new Tally());
        JsonNode next = run(tenant);
        assertThat(next.get("state").asString()).isEqualTo("finished");
    }

    @Test
    void aRunWhoseInstanceDiedFreesItsMerchantOnceItsLeaseLapses() {
        Tenant tenant = newMerchant("Crashed reconciler");
        MerchantId merchant = MerchantId.of(tenant.id());
        ReconciliationRuns.Run crashed =
                runs.open(merchant, Trigger.SCHEDULE, null).orElseThrow();
        assertThat(tenant.api().post("/api/reconciliation/runs", Map.of()).status())
                .isEqualTo(409);
        // Its instance died: nobody renews the lease, which runs out.
        jdbc.sql("update inventory_reconciliation_runs set lease_until = :past where id = :id")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
                .param("id", crashed.id())
                .update();

        JsonNode next = run(tenant);

        JsonNode abandoned = expect(tenant.api().get("/api/reconciliation/runs/" + crashed.id()), 200);
        assertThat(abandoned.get("state").asString()).isEqualTo("abandoned");
        assertThat(abandoned.get("finishedAt").isNull()).isFalse();
        assertThat(next.get("state").asString()).isEqualTo("finished");
        // Were the dead instance only slow, its next batch finds it no longer holds the merchant and stops.
        assertThat(runs.progress(crashed, new Tally())).isFalse();
    }

    @Test
    void concurrentRequestsStartOneRun() throws Exception {
        Tenant tenant = newMerchant("Concurrent reconciler");
        MerchantId merchant = MerchantId.of(tenant.id());
        ReconciliationRuns.Run held = runs.open(merchant, Trigger.API, null).orElseThrow();
        runs.finish(held, new Tally());

        List<Integer> statuses;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                sent.add(threads.submit(() -> {
                    go.await();
                    return tenant.api()
                            .post("/api/reconciliation/runs", Map.of())
                            .status();
                }));
            }
            go.countDown();
            statuses = new java.util.ArrayList<>();
            for (var one : sent) {
                statuses.add(one.get());
            }
        }
        // Every request got 202 or 409, and no two runs of the merchant ever overlapped: the database refuses a
        // second running run, which is what this checks afterwards.
        assertThat(statuses).allMatch(status -> status == 202 || status == 409);
        assertThat(statuses).contains(202);
        List<Instant[]> spans = jdbc.sql("""
                        select started_at, finished_at from inventory_reconciliation_runs
                        where merchant_id = :merchant and trigger_kind = 'api' order by started_at""")
                .param("merchant", merchant.value())
                .query((rs, n) -> new Instant[] {
                    rs.getTimestamp(1).toInstant(),
                    rs.getTimestamp(2) == null
                            ? Instant.MAX
                            : rs.getTimestamp(2).toInstant()
                })
                .list();
        assertThat(spans)
                .hasSize(1 + (int) statuses.stream().filter(s -> s == 202).count());
    }

    @Test
    void aMerchantSeesAndStartsOnlyItsOwnRuns() {
        Tenant a = newMerchant("Tenant A");
        Tenant b = newMerchant("Tenant B");
        MerchantId merchantA = MerchantId.of(a.id());
        JsonNode ofA = run(a);
        ReconciliationRuns.Run runningForA =
                runs.open(merchantA, Trigger.SCHEDULE, null).orElseThrow();

        assertThat(b.api()
                        .get("/api/reconciliation/runs/" + ofA.get("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(b.api().get("/api/reconciliation/runs").json().get("total").asInt())
                .isZero();
        // A's running run does not hold B: B's request starts B's own run.
        JsonNode ofB = run(b);
        assertThat(b.api()
                        .get("/api/reconciliation/runs")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(run -> run.get("id").asString())
                        .toList())
                .containsExactly(ofB.get("id").asString());
        assertThat(a.api().get("/api/reconciliation/runs").json().get("total").asInt())
                .isEqualTo(2);
        assertThat(api.post("/api/reconciliation/runs", Map.of()).status()).isEqualTo(401);
        runs.finish(runningForA, new Tally());
    }

    @Test
    void badInputIsRefusedWithTheFailingParameter() {
        Tenant tenant = newMerchant("Bad input");

        Api.Response size = tenant.api().get("/api/reconciliation/runs?size=0");
        Api.Response page = tenant.api().get("/api/reconciliation/runs?page=-1");
        Api.Response notAnId = tenant.api().get("/api/reconciliation/runs/not-a-run");
        Api.Response unknown = tenant.api().get("/api/reconciliation/runs/" + UUID.randomUUID());

        assertThat(size.status()).isEqualTo(400);
        assertThat(size.contentType()).startsWith("application/problem+json");
        assertThat(size.body()).contains("size");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("page");
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api()
                        .get("/api/reconciliation/runs")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
    }

    /** Confirms every due Amazon push of the merchant as applied, as the push worker does when Amazon takes it. */
    private void confirmAmazonPushes(MerchantId merchant) {
        ChannelOutbox.Lease lease = outbox.claim(Channel.AMAZON, merchant, 100);
        Instant now = Instant.now();
        jdbc.sql("""
                        select c.sku, c.change_seq, s.physical - c.buffer as quantity from inventory_channels c
                        join inventory_skus s on s.merchant_id = c.merchant_id and s.sku = c.sku
                        where c.lease_owner = :token""")
                .param("token", lease.token())
                .query((rs, n) -> {
                    String sku = rs.getString("sku");
                    outbox.release(
                            lease,
                            sku,
                            rs.getLong("change_seq"),
                            new PushOutcome.Applied(sku, rs.getInt("quantity")),
                            now);
                    return sku;
                })
                .list();
    }

    private static void sell(Tenant tenant, String sku) {
        expect(tenant.api().post("/api/inventory/" + sku + "/adjust", Map.of("delta", -1, "reason", "sold")), 200);
    }

    private List<String> leased(ChannelOutbox.Lease lease) {
        return jdbc.sql("select sku from inventory_channels where lease_owner = :token")
                .param("token", lease.token())
                .query(String.class)
                .list();
    }

    private int lastBroadcast(MerchantId merchant, String sku) {
        return jdbc.sql("""
                        select last_broadcast from inventory_channels
                        where merchant_id = :merchant and sku = :sku and channel = 'amazon'""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Integer.class)
                .single();
    }
}
