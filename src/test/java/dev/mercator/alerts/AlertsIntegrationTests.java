package dev.mercator.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.alerts.centre.AlertBook;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The alert centre over HTTP: what modules raise and clear, as the merchant reads and acknowledges it. */
class AlertsIntegrationTests extends IntegrationTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AlertBook book;

    @Test
    void aRaisedAlertIsListedAndARepeatCountsInsteadOfOpeningAnother() {
        Tenant shop = newMerchant("Alerted");
        publish(raised(shop, "SKU-1 on shopify", T0));
        JsonNode first = awaitAlerts(shop.api(), "/api/alerts", 1).get(0);
        assertThat(first.get("type").asString()).isEqualTo("sync.push_failed");
        assertThat(first.get("severity").asString()).isEqualTo("critical");
        assertThat(first.get("state").asString()).isEqualTo("open");
        assertThat(first.get("read").asBoolean()).isFalse();
        assertThat(first.get("details").get("sku").asString()).isEqualTo("SKU-1");

        publish(raised(shop, "SKU-1 on shopify", T0.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> shop.api()
                                .get("/api/alerts")
                                .json()
                                .get("items")
                                .get(0)
                                .get("count")
                                .asLong()
                        == 2);
        JsonNode page = shop.api().get("/api/alerts").json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("lastSeen").asString())
                .isEqualTo(T0.plusSeconds(5).toString());
        assertThat(page.get("items").get(0).get("firstSeen").asString()).isEqualTo(T0.toString());
    }

    @Test
    void anEventDeliveredTwiceChangesNothingTheSecondTime() {
        Tenant shop = newMerchant("Redelivered");
        AlertRaised raised = raised(shop, "SKU-2 on amazon", T0);
        book.raise(raised);
        book.raise(raised);
        AlertCleared cleared =
                new AlertCleared(merchant(shop), AlertType.SYNC_PUSH_FAILED, "SKU-2 on amazon", T0.plusSeconds(1));
        book.clear(cleared);
        book.clear(cleared);
        // The raise delivered once more, after its clear: the alert stays resolved and is counted once.
        book.raise(raised);

        JsonNode items = shop.api().get("/api/alerts").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("count").asLong()).isEqualTo(1);
        assertThat(items.get(0).get("state").asString()).isEqualTo("resolved");
        assertThat(items.get(0).get("resolvedAt").asString())
                .isEqualTo(T0.plusSeconds(1).toString());
    }

    @Test
    void aClearResolvesAndTheConditionComingBackOpensANewAlert() {
        Tenant shop = newMerchant("Recurring");
        publish(raised(shop, "SKU-3 on shopify", T0));
        awaitAlerts(shop.api(), "/api/alerts?state=open", 1);
        publish(new AlertCleared(merchant(shop), AlertType.SYNC_PUSH_FAILED, "SKU-3 on shopify", T0.plusSeconds(1)));
        awaitAlerts(shop.api(), "/api/alerts?state=resolved", 1);
        assertThat(shop.api().get("/api/alerts?state=open").json().get("total").asLong())
                .isZero();

        publish(raised(shop, "SKU-3 on shopify", T0.plusSeconds(2)));
        awaitAlerts(shop.api(), "/api/alerts?state=open", 1);
        assertThat(shop.api().get("/api/alerts").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void readFlagsSummaryAndFilters() {
        Tenant shop = newMerchant("Reader");
        publish(raised(shop, "A on shopify", T0));
        publish(raised(shop, "B on amazon", T0.plusSeconds(1)));
        JsonNode items = awaitAlerts(shop.api(), "/api/alerts/unread", 2);

        JsonNode summary = shop.api().get("/api/alerts/summary").json();
        assertThat(summary.get("open").asLong()).isEqualTo(2);
        assertThat(summary.get("openBySeverity").get("critical").asLong()).isEqualTo(2);
        assertThat(summary.get("openBySeverity").get("info").asLong()).isZero();
        assertThat(summary.get("unread").asLong()).isEqualTo(2);
        assertThat(shop.api()
                        .get("/api/alerts/severity/critical")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
        assertThat(shop.api()
                        .get("/api/alerts/severity/warning")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(shop.api()
                        .get("/api/alerts?type=sync.push_failed&unread=true")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);

        String newest = items.get(0).get("id").asString();
        assertThat(newest).isEqualTo(idOf(items, "B on amazon"));
        assertThat(shop.api().post("/api/alerts/" + newest + "/read", Map.of()).status())
                .isEqualTo(204);
        assertThat(shop.api().get("/api/alerts/unread").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(shop.api()
                        .get("/api/alerts?unread=false")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(newest);

        Api.Response all = shop.api().post("/api/alerts/read-all", Map.of());
        assertThat(all.json().get("marked").asInt()).isEqualTo(1);
        assertThat(shop.api().get("/api/alerts/summary").json().get("unread").asLong())
                .isZero();
    }

    @Test
    void aMerchantNeverSeesOrTouchesAnothersAlerts() {
        Tenant owner = newMerchant("Owner");
        Tenant other = newMerchant("Other");
        publish(raised(owner, "SKU-9 on shopify", T0));
        String id = awaitAlerts(owner.api(), "/api/alerts", 1).get(0).get("id").asString();

        assertThat(other.api().get("/api/alerts").json().get("total").asLong()).isZero();
        assertThat(other.api().get("/api/alerts/summary").json().get("open").asLong())
                .isZero();
        Api.Response read = other.api().post("/api/alerts/" + id + "/read", Map.of());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(other.api()
                        .post("/api/alerts/read-all", Map.of())
                        .json()
                        .get("marked")
                        .asInt())
                .isZero();
        assertThat(owner.api().get("/api/alerts/unread").json().get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void badFiltersAndUnauthenticatedCallsAreProblems() {
        Tenant shop = newMerchant("Careless");
        for (String path : new String[] {
            "/api/alerts?severity=urgent",
            "/api/alerts?state=closed",
            "/api/alerts?type=sync.everything",
            "/api/alerts?unread=maybe",
            "/api/alerts?size=0",
            "/api/alerts?page=-1",
            "/api/alerts/severity/loud"
        }) {
            Api.Response response = shop.api().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
        Api.Response unknown = shop.api().post("/api/alerts/not-a-uuid/read", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/alerts").status()).isEqualTo(401);
        assertThat(api.get("/api/alerts").contentType()).startsWith("application/problem+json");
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private static JsonNode awaitAlerts(Api api, String path, int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get(path).json().get("total").asLong() == count);
        return api.get(path).json().get("items");
    }

    private static String idOf(JsonNode items, String subject) {
        for (JsonNode item : items) {
            if (item.get("subject").asString().equals(subject)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("no alert about " + subject + " in " + items);
    }

    private static MerchantId merchant(Tenant tenant) {
        return MerchantId.of(tenant.id());
    }

    private static AlertRaised raised(Tenant tenant, String subject, Instant at) {
        String sku = subject.substring(0, subject.indexOf(' '));
        return new AlertRaised(
                merchant(tenant),
                AlertType.SYNC_PUSH_FAILED,
                AlertSeverity.CRITICAL,
                subject,
                "Stock of " + sku + " is not reaching the channel: refused",
                Map.of("sku", sku, "channel", "shopify", "reason", "refused"),
                at);
    }
}
