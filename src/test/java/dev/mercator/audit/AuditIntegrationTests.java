package dev.mercator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.audit.chain.AuditChain;
import dev.mercator.notifications.destinations.Destinations;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail end to end: each change made over the API is recorded once with its actor, request id, before and
 * after; the chain finds an altered or deleted record; concurrent appends keep one valid chain; merchants see only
 * their own trail; no secret reaches it.
 */
class AuditIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditChain chain;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Destinations destinations;

    @Test
    void eachChangeIsRecordedOnceWithItsActorRequestIdBeforeAndAfter() {
        Tenant shop = newMerchant("Audited");
        String actor = "api-key:" + initialKeyId(shop);
        awaitRecords(shop, 1);

        ok(shop.api().put("/api/inventory/SKU-A", Map.of("physical", 5), "X-Request-Id", "req-set-1"));
        ok(shop.api()
                .post(
                        "/api/inventory/SKU-A/adjust",
                        Map.of("delta", -2, "reason", "found broken"),
                        "Idempotency-Key",
                        "adj-1"));
        // The same idempotency key again changes nothing, so records nothing.
        ok(shop.api()
                .post(
                        "/api/inventory/SKU-A/adjust",
                        Map.of("delta", -2, "reason", "found broken"),
                        "Idempotency-Key",
                        "adj-1"));
        ok(shop.api().post("/api/buffer/SKU-A", Map.of("channel", "amazon", "buffer", 2)));
        ok(shop.api().post("/api/mapping", Map.of("sku", "SKU-A", "asin", "B000000001")));
        ok(shop.api().post("/api/mapping", Map.of("sku", "SKU-A", "asin", "B000000002")));
        UUID alert = raiseAlert(shop);
        ok(shop.api().post("/api/alerts/" + alert + "/read", Map.of()));
        // Read again: already read, nothing changes.
        ok(shop.api().post("/api/alerts/" + alert + "/read", Map.of()));
        JsonNode issued = admin.post("/api/admin/merchants/" + shop.id() + "/keys", Map.of("label", "ci"))
                .json();
        String keyId = issued.get("keyId").asString();
        ok(admin.delete("/api/admin/merchants/" + shop.id() + "/keys/" + keyId));

        JsonNode items = awaitRecords(shop, 9);
        Map<String, List<JsonNode>> byAction = new java.util.TreeMap<>();
        for (JsonNode item : items) {
            byAction.computeIfAbsent(item.get("action").asString(), a -> new ArrayList<>())
                    .add(item);
        }
        assertThat(byAction)
                .containsOnlyKeys(
                        "merchant.created",
                        "stock.set",
                        "stock.adjusted",
                        "buffer.set",
                        "mapping.set",
                        "alert.read",
                        "api_key.issued",
                        "api_key.revoked");
        assertThat(byAction.get("mapping.set")).hasSize(2);
        byAction.forEach((action, records) -> {
            if (!action.equals("mapping.set")) {
                assertThat(records).as(action).hasSize(1);
            }
        });

        JsonNode created = byAction.get("merchant.created").getFirst();
        assertThat(created.get("actor").asString()).isEqualTo("admin");
        assertThat(created.get("before").isNull()).isTrue();
        assertThat(created.get("after").get("name").asString()).isEqualTo("Audited");

        JsonNode set = byAction.get("stock.set").getFirst();
        assertThat(set.get("actor").asString()).isEqualTo(actor);
        assertThat(set.get("requestId").asString()).isEqualTo("req-set-1");
        assertThat(set.get("subject").asString()).isEqualTo("sku:SKU-A");
        assertThat(set.get("before").isNull()).isTrue();
        assertThat(set.get("after").get("physical").asInt()).isEqualTo(5);

        JsonNode adjusted = byAction.get("stock.adjusted").getFirst();
        assertThat(adjusted.get("actor").asString()).isEqualTo(actor);
        assertThat(adjusted.get("requestId").asString()).isNotBlank();
        assertThat(adjusted.get("before").get("physical").asInt()).isEqualTo(5);
        assertThat(adjusted.get("after").get("physical").asInt()).isEqualTo(3);
        assertThat(adjusted.get("after").get("reason").asString()).isEqualTo("found broken");

        JsonNode buffer = byAction.get("buffer.set").getFirst();
        assertThat(buffer.get("before").get("amazon").asInt()).isZero();
        assertThat(buffer.get("after").get("amazon").asInt()).isEqualTo(2);
        assertThat(buffer.get("after").get("shopify").asInt()).isZero();

        List<JsonNode> mappings = byAction.get("mapping.set");
        JsonNode remapped = mappings.stream()
                .filter(r -> !r.get("before").isNull())
                .findFirst()
                .orElseThrow();
        assertThat(remapped.get("before").get("asin").asString()).isEqualTo("B000000001");
        assertThat(remapped.get("after").get("asin").asString()).isEqualTo("B000000002");

        JsonNode read = byAction.get("alert.read").getFirst();
        assertThat(read.get("subject").asString()).isEqualTo("alert:" + alert);
        assertThat(read.get("before").get("read").asBoolean()).isFalse();
        assertThat(read.get("after").get("read").asBoolean()).isTrue();

        JsonNode keyIssued = byAction.get("api_key.issued").getFirst();
        assertThat(keyIssued.get("actor").asString()).isEqualTo("admin");
        assertThat(keyIssued.get("subject").asString()).isEqualTo("api_key:" + keyId);
        assertThat(keyIssued.get("after").get("label").asString()).isEqualTo("ci");
        assertThat(keyIssued.toString()).doesNotContain(issued.get("apiKey").asString());
        JsonNode revoked = byAction.get("api_key.revoked").getFirst();
        assertThat(revoked.get("before").get("revoked").asBoolean()).isFalse();
        assertThat(revoked.get("after").get("revoked").asBoolean()).isTrue();

        JsonNode verified = shop.api().get("/api/audit/verify").json();
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(9);
    }

    @Test
    void credentialChangesNameTheFieldsThatChangedButNeverTheirValues() {
        Tenant shop = newMerchant("Secretive");
        String first = "first-secret-" + UUID.randomUUID();
        String second = "second-secret-" + UUID.randomUUID();
        String kept = "kept-secret-" + UUID.randomUUID();
        ok(shop.api().put("/api/credentials/supplier", Map.of("apiKey", first, "apiSecret", kept)));
        ok(shop.api().put("/api/credentials/supplier", Map.of("apiKey", second, "apiSecret", kept)));
        ok(shop.api().delete("/api/credentials/supplier"));
        MerchantFixture.ShopifyShop shopify = MerchantFixture.ShopifyShop.random();
        ok(shop.api().put("/api/channels/shopify", shopify.connection()));
        MerchantFixture.ShopifyShop rotated = new MerchantFixture.ShopifyShop(
                shopify.domain(), shopify.token(), "whsec-rotated-" + UUID.randomUUID(), shopify.location());
        ok(shop.api().put("/api/channels/shopify", rotated.connection()));
        String lwaSecret = "lwa-secret-" + UUID.randomUUID();
        String refreshToken = "Atzr|" + UUID.randomUUID();
        ok(shop.api()
                .put(
                        "/api/channels/amazon",
                        Map.of(
                                "sellerId",
                                MerchantFixture.AmazonSeller.randomSellerId(13),
                                "region",
                                "na",
                                "marketplaceIds",
                                List.of(MerchantFixture.AmazonSeller.MARKETPLACE),
                                "lwaClientId",
                                "amzn1.application-oa2-client.audit",
                                "lwaClientSecret",
                                lwaSecret,
                                "refreshToken",
                                refreshToken)));

        JsonNode items = awaitRecords(shop, 7);
        JsonNode replaced =
                find(items, "credentials.stored", r -> !r.get("before").isNull());
        assertThat(texts(replaced.get("after").get("changedFields"))).containsExactly("apiKey");
        assertThat(texts(replaced.get("before").get("fields"))).containsExactly("apiKey", "apiSecret");
        JsonNode deleted = find(items, "credentials.deleted", r -> true);
        assertThat(deleted.get("after").isNull()).isTrue();
        JsonNode rotation = find(
                items,
                "channel.connected",
                r -> r.get("subject").asString().equals("channel:shopify")
                        && !r.get("before").isNull());
        assertThat(texts(rotation.get("after").get("secretsReplaced"))).containsExactly("webhookSecret");
        assertThat(rotation.get("after").get("account").asString()).isEqualTo(shopify.domain());

        // Nothing the trail stores, in any column, holds a secret's value.
        List<String> rows = jdbc.sql("select * from audit_records where merchant_id = :merchant")
                .param("merchant", UUID.fromString(shop.id()))
                .query((rs, n) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    return row.toString();
                })
                .list();
        assertThat(rows).hasSize(7);
        for (String secret : List.of(
                first, second, kept, shopify.token(), shopify.secret(), rotated.secret(), lwaSecret, refreshToken)) {
            assertThat(rows).noneMatch(row -> row.contains(secret));
            assertThat(items.toString()).doesNotContain(secret);
        }
    }

    @Test
    void notificationDestinationsAreAuditedWithoutSecretsAndASystemDisableNamesTheWorker() {
        Tenant shop = newMerchant("Notified");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
        Api.Response created = shop.api()
                .post(
                        "/api/notifications/destinations",
                        Map.of(
                                "kind",
                                "webhook",
                                "name",
                                "Ops hook",
                                "settings",
                                Map.of("url", "http://localhost:" + port + "/sandbox/webhook-receiver/audit"),
                                "secrets",
                                Map.of("signingSecret", secret)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        Boolean disabledNow = transactions.execute(status -> destinations.disable(
                id, "the provider said it is gone", Instant.now(), AuditActor.system("notification-dispatcher")));
        assertThat(disabledNow).isTrue();
        ok(shop.api().post("/api/notifications/destinations/" + id + "/enable", Map.of()));
        ok(shop.api().delete("/api/notifications/destinations/" + id));

        JsonNode items = awaitRecords(shop, 5);
        JsonNode disabled = find(items, "notification_destination.disabled", r -> true);
        assertThat(disabled.get("actor").asString()).isEqualTo("system:notification-dispatcher");
        assertThat(disabled.get("requestId").isNull()).isTrue();
        assertThat(disabled.get("after").get("reason").asString()).isEqualTo("the provider said it is gone");
        JsonNode createdRecord = find(items, "notification_destination.created", r -> true);
        assertThat(texts(createdRecord.get("after").get("secretFields"))).contains("signingSecret");
        JsonNode enabled = find(items, "notification_destination.enabled", r -> true);
        assertThat(enabled.get("before").get("enabled").asBoolean()).isFalse();
        assertThat(enabled.get("after").get("enabled").asBoolean()).isTrue();
        find(items, "notification_destination.deleted", r -> r.get("after").isNull());
        assertThat(items.toString()).doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from audit_records where merchant_id = :merchant and (before_state like"
                                + " :secret or after_state like :secret)")
                        .param("merchant", UUID.fromString(shop.id()))
                        .param("secret", "%" + secret + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aChangePublishedOutsideATransactionIsRefusedRatherThanLost() {
        Tenant shop = newMerchant("Untransacted");
        AuditedChange change = AuditedChange.by(
                AuditActor.system("test"), MerchantId.of(shop.id()), "sku:SKU-X", "stock.set", null, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.publishEvent(change))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction");
    }

    @Test
    void aChangeThatCannotBeRecordedStaysInTheRegistryToBeDeliveredAgain() {
        // No such merchant: the append fails on its foreign key, every try.
        AuditedChange change = AuditedChange.by(
                AuditActor.system("test"), MerchantId.random(), "sku:SKU-Z", "stock.set", null, Map.of("physical", 1));
        transactions.executeWithoutResult(status -> events.publishEvent(change));

        String query = "select count(*) from event_publication where listener_id like '%AuditEvents%'"
                + " and serialized_event like :id and completion_date is null";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(query)
                                .param("id", "%" + change.id() + "%")
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("select count(*) from audit_records where id = :id")
                        .param("id", change.id())
                        .query(Long.class)
                        .single())
                .isZero();
        jdbc.sql("delete from event_publication where serialized_event like :id")
                .param("id", "%" + change.id() + "%")
                .update();
    }

    @Test
    void aRecordAlteredInTheDatabaseIsReportedByVerify() {
        Tenant shop = newMerchant("Tampered");
        changeStock(shop, 3);
        awaitRecords(shop, 4);
        assertThat(verify(shop).get("ok").asBoolean()).isTrue();

        tamper("update audit_records set after_state = '{\"physical\":999}' where merchant_id = '" + shop.id()
                + "' and seq = 2");

        JsonNode verified = verify(shop);
        assertThat(verified.get("ok").asBoolean()).isFalse();
        assertThat(verified.get("broken").get("seq").asLong()).isEqualTo(2);
        assertThat(verified.get("broken").get("reason").asString()).isEqualTo("altered");
        assertThat(verified.get("checked").asLong()).isEqualTo(1);
    }

    @Test
    void aDeletedRecordIsReportedByVerify() {
        Tenant shop = newMerchant("Deleted");
        changeStock(shop, 3);
        awaitRecords(shop, 4);

        tamper("delete from audit_records where merchant_id = '" + shop.id() + "' and seq = 3");

        JsonNode verified = verify(shop);
        assertThat(verified.get("ok").asBoolean()).isFalse();
        assertThat(verified.get("broken").get("seq").asLong()).isEqualTo(3);
        assertThat(verified.get("broken").get("reason").asString()).isEqualTo("missing");
    }

    @Test
    void aDeletedLastRecordIsReportedByVerify() {
        Tenant shop = newMerchant("Truncated");
        changeStock(shop, 2);
        awaitRecords(shop, 3);

        tamper("delete from audit_records where merchant_id = '" + shop.id() + "' and seq = 3");

        JsonNode verified = verify(shop);
        assertThat(verified.get("ok").asBoolean()).isFalse();
        assertThat(verified.get("broken").get("seq").asLong()).isEqualTo(3);
        assertThat(verified.get("broken").get("reason").asString()).isEqualTo("missing");
    }

    @Test
    void concurrentAppendsKeepOneValidChainAndARedeliveryIsRecordedOnce() throws Exception {
        Tenant shop = newMerchant("Busy");
        MerchantId merchant = MerchantId.of(shop.id());
        awaitRecords(shop, 1);
        int threads = 8;
        int each = 25;
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            writers.add(() -> {
                int appended = 0;
                for (int i = 0; i < each; i++) {
                    AuditedChange change = AuditedChange.by(
                            AuditActor.system("load-" + writer),
                            merchant,
                            "sku:SKU-" + writer,
                            "stock.adjusted",
                            Map.of("physical", i),
                            Map.of("physical", i + 1));
                    if (chain.append(change)) {
                        appended++;
                    }
                    // Delivered again, as the registry may after a crash: recorded once.
                    if (chain.append(change)) {
                        appended++;
                    }
                }
                return appended;
            });
        }
        int appended = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Integer> done : pool.invokeAll(writers)) {
                appended += done.get();
            }
        }

        assertThat(appended).isEqualTo(threads * each);
        List<Long> seqs = jdbc.sql("select seq from audit_records where merchant_id = :merchant order by seq")
                .param("merchant", merchant.value())
                .query(Long.class)
                .list();
        assertThat(seqs).hasSize(1 + threads * each);
        assertThat(new HashSet<>(seqs)).hasSize(seqs.size());
        assertThat(seqs.getLast()).isEqualTo(1L + threads * each);
        AuditChain.Verification verified = chain.verify(merchant);
        assertThat(verified.ok()).as(String.valueOf(verified.broken())).isTrue();
        assertThat(verified.checked()).isEqualTo(1L + threads * each);
    }

    @Test
    void concurrentRequestsEachLeaveOneRecordAndTheChainStaysValid() throws Exception {
        Tenant shop = newMerchant("Rush");
        ok(shop.api().put("/api/inventory/SKU-R", Map.of("physical", 1000)));
        int requests = 24;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String sku = "SKU-R" + (i % 3 == 0 ? "" : "-" + i);
            calls.add(() -> sku.equals("SKU-R")
                    ? shop.api()
                            .post("/api/inventory/SKU-R/adjust", Map.of("delta", -1, "reason", "rush"))
                            .status()
                    : shop.api()
                            .put("/api/inventory/" + sku, Map.of("physical", 3))
                            .status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }

        JsonNode items = awaitRecords(shop, 2 + requests);
        Set<Long> physicalAfter = new HashSet<>();
        for (JsonNode item : items) {
            if (item.get("action").asString().equals("stock.adjusted")) {
                physicalAfter.add(item.get("after").get("physical").asLong());
            }
        }
        // Each adjustment saw its own before and after under the SKU's lock: 1000 down to 1000 - n, each once.
        assertThat(physicalAfter).hasSize(requests / 3);
        assertThat(physicalAfter).allMatch(after -> after >= 1000 - requests / 3 && after < 1000);
        JsonNode verified = verify(shop);
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(2 + requests);
    }

    @Test
    void aMerchantSeesOnlyItsOwnTrailAndOnlyTheOperatorSeesAcrossMerchants() {
        Tenant a = newMerchant("Tenant A");
        Tenant b = newMerchant("Tenant B");
        ok(a.api().put("/api/inventory/SKU-ONLY-A", Map.of("physical", 1)));
        awaitRecords(a, 2);
        awaitRecords(b, 1);

        JsonNode seenByB = b.api().get("/api/audit?size=200").json();
        assertThat(seenByB.get("total").asLong()).isEqualTo(1);
        for (JsonNode item : seenByB.get("items")) {
            assertThat(item.get("merchant").asString()).isEqualTo(b.id());
        }
        assertThat(b.api()
                        .get("/api/audit?subject=sku:SKU-ONLY-A")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(b.api().get("/api/audit/verify").json().get("checked").asLong())
                .isEqualTo(1);

        Api.Response denied = b.api().get("/api/admin/audit?merchant=" + a.id());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(b.api().get("/api/admin/audit/verify?merchant=" + a.id()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/audit").status()).isEqualTo(401);
        assertThat(api.get("/api/audit/verify").status()).isEqualTo(401);
        assertThat(admin.get("/api/audit").status()).isIn(401, 403);

        JsonNode ofA = admin.get("/api/admin/audit?merchant=" + a.id()).json();
        assertThat(ofA.get("total").asLong()).isEqualTo(2);
        JsonNode all = admin.get("/api/admin/audit?size=200&actor=admin").json();
        Set<String> merchants = new HashSet<>();
        all.get("items").forEach(item -> merchants.add(item.get("merchant").asString()));
        assertThat(merchants).contains(a.id(), b.id());
        JsonNode verifiedA =
                admin.get("/api/admin/audit/verify?merchant=" + a.id()).json();
        assertThat(verifiedA.get("ok").asBoolean()).isTrue();
        assertThat(verifiedA.get("checked").asLong()).isEqualTo(2);
    }

    @Test
    void theListingFiltersByTimeActorAndSubjectAndRefusesBadParameters() {
        Tenant shop = newMerchant("Filtered");
        changeStock(shop, 2);
        awaitRecords(shop, 3);
        String actor = "api-key:" + initialKeyId(shop);

        assertThat(total(shop, "/api/audit?actor=" + actor)).isEqualTo(2);
        assertThat(total(shop, "/api/audit?actor=admin")).isEqualTo(1);
        assertThat(total(shop, "/api/audit?subject=sku:SKU-T")).isEqualTo(2);
        assertThat(total(shop, "/api/audit?from=" + Instant.now().plusSeconds(3600)))
                .isZero();
        assertThat(total(shop, "/api/audit?to=" + Instant.now().plusSeconds(3600) + "&from=2020-01-01T00:00:00Z"))
                .isEqualTo(3);
        JsonNode paged = shop.api().get("/api/audit?size=2&page=1").json();
        assertThat(paged.get("items")).hasSize(1);
        assertThat(paged.get("total").asLong()).isEqualTo(3);

        badRequest(shop, "/api/audit?from=yesterday", "from");
        badRequest(shop, "/api/audit?to=2026-13-01T00:00:00Z", "to");
        badRequest(shop, "/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from");
        badRequest(shop, "/api/audit?actor=bob", "actor");
        assertThat(shop.api().get("/api/audit?page=-1").status()).isEqualTo(400);
        assertThat(shop.api().get("/api/audit?size=0").status()).isEqualTo(400);
        assertThat(shop.api().get("/api/audit?page=x").status()).isEqualTo(400);
        assertThat(admin.get("/api/admin/audit?merchant=not-a-uuid").status()).isEqualTo(400);
        assertThat(admin.get("/api/admin/audit/verify").status()).isEqualTo(400);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Sets SKU-T and adjusts it {@code changes - 1} times: {@code changes} records. */
    private void changeStock(Tenant shop, int changes) {
        ok(shop.api().put("/api/inventory/SKU-T", Map.of("physical", 10)));
        for (int i = 1; i < changes; i++) {
            ok(shop.api().post("/api/inventory/SKU-T/adjust", Map.of("delta", 1, "reason", "count " + i)));
        }
    }

    /**
     * Runs a statement as someone with direct access to the database would. On PostgreSQL that someone is the table's
     * owner and first disables the append-only trigger, which refuses the statement otherwise.
     */
    protected void tamper(String sql) {
        boolean postgres = isPostgres();
        if (postgres) {
            jdbc.sql("alter table audit_records disable trigger audit_records_append_only")
                    .update();
        }
        try {
            assertThat(jdbc.sql(sql).update()).isEqualTo(1);
        } finally {
            if (postgres) {
                jdbc.sql("alter table audit_records enable trigger audit_records_append_only")
                        .update();
            }
        }
    }

    protected boolean isPostgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID raiseAlert(Tenant shop) {
        AlertRaised raised = new AlertRaised(
                MerchantId.of(shop.id()),
                AlertType.SYNC_PUSH_FAILED,
                AlertSeverity.CRITICAL,
                "SKU-A on shopify",
                "Stock of SKU-A is not reaching the channel: refused",
                Map.of("sku", "SKU-A", "channel", "shopify", "reason", "refused"),
                Instant.now());
        transactions.executeWithoutResult(status -> events.publishEvent(raised));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> shop.api().get("/api/alerts").json().get("total").asLong() == 1);
        return UUID.fromString(shop.api()
                .get("/api/alerts")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString());
    }

    private String initialKeyId(Tenant shop) {
        return admin.get("/api/admin/merchants/" + shop.id())
                .json()
                .get("keys")
                .get(0)
                .get("id")
                .asString();
    }

    private static JsonNode awaitRecords(Tenant shop, int count) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> shop.api()
                                .get("/api/audit?size=200")
                                .json()
                                .get("total")
                                .asLong()
                        >= count);
        JsonNode page = shop.api().get("/api/audit?size=200").json();
        assertThat(page.get("total").asLong()).as(page.toString()).isEqualTo(count);
        return page.get("items");
    }

    private static JsonNode verify(Tenant shop) {
        return shop.api().get("/api/audit/verify").json();
    }

    private static long total(Tenant shop, String path) {
        Api.Response response = shop.api().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("total").asLong();
    }

    private static void badRequest(Tenant shop, String path, String parameter) {
        Api.Response response = shop.api().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("parameter").asString()).isEqualTo(parameter);
    }

    private static JsonNode find(JsonNode items, String action, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode item : items) {
            if (item.get("action").asString().equals(action) && which.test(item)) {
                return item;
            }
        }
        throw new AssertionError("no " + action + " record in " + items);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
    }
}
