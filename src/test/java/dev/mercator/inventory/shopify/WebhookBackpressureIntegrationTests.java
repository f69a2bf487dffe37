package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The intake's queue is bounded: with its one committer held inside a group's transaction and its one queue place
 * taken, the next webhook is refused at once with 503, Retry-After and a problem detail, and nothing of it is stored;
 * the two already taken are answered 200 once their groups commit.
 */
@TestPropertySource(
        properties = {
            "mercator.inventory.webhook-intake.committers=1",
            "mercator.inventory.webhook-intake.queue=1",
            // The committer waits on the test's lock for as long as the test needs it (H2's default is 2 s).
            "spring.datasource.url=jdbc:h2:mem:${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000",
        })
class WebhookBackpressureIntegrationTests extends ShopifyWebhookFixture {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void aFullQueueAnswers503WithRetryAfterAndStoresNothing() throws Exception {
        Shop shop = shop("JUG", 10);
        try (Connection blocker = dataSource.getConnection();
                var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "select * from inventory_channels where merchant_id = ? and sku = 'JUG' for update")) {
                lock.setObject(1, shop.merchant().value());
                lock.executeQuery().close();
            }
            CompletableFuture<Api.Response> committing = CompletableFuture.supplyAsync(
                    () -> deliver(shop, "orders/create", "bp-1", order(9001, "JUG", 1)), senders);
            await(() -> blocked(blocker));
            CompletableFuture<Api.Response> queued = CompletableFuture.supplyAsync(
                    () -> deliver(shop, "orders/create", "bp-2", order(9002, "JUG", 1)), senders);
            await(() -> meters.get("mercator.webhooks.queued").gauge().value() == 1);

            Api.Response refused = deliver(shop, "orders/create", "bp-3", order(9003, "JUG", 1));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:mercator:problem:unavailable");
            blocker.rollback();
            assertThat(committing.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(queued.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(physical(shop, "JUG")).isEqualTo(8);
        assertThat(jdbc.sql("select count(*) from inventory_deliveries where delivery_id = 'bp-3'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertLedgerMatches(shop, "JUG");
    }

    private static boolean blocked(Connection blocker) {
        try (PreparedStatement query = blocker.prepareStatement(
                        "select count(*) from information_schema.sessions where blocker_id = session_id()");
                ResultSet count = query.executeQuery()) {
            return count.next() && count.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met in time").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
