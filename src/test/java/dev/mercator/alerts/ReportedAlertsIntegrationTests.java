package dev.mercator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Alerts a merchant's own systems raise and resolve through {@code POST /api/alerts}. */
class ReportedAlertsIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aReportedAlertOpensOnceCountsRepeatsAndIsResolvedByItsReporter() {
        Tenant shop = newMerchant("Reporter");
        Map<String, Object> report = Map.of(
                "subject",
                "pick-up DHL",
                "severity",
                "critical",
                "message",
                "Missed pick-up",
                "details",
                Map.of("carrier", "DHL"));

        Api.Response opened = shop.api().post("/api/alerts", report);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("type").asString()).isEqualTo("external.reported");
        assertThat(opened.json().get("severity").asString()).isEqualTo("critical");
        assertThat(opened.json().get("details").get("carrier").asString()).isEqualTo("DHL");
        Api.Response repeated = shop.api().post("/api/alerts", report);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("id")).isEqualTo(opened.json().get("id"));
        assertThat(repeated.json().get("count").asLong()).isEqualTo(2);

        String id = opened.json().get("id").asString();
        Tenant other = newMerchant("Someone else");
        assertThat(other.api().post("/api/alerts/" + id + "/resolve", Map.of()).status())
                .isEqualTo(404);
        assertThat(other.api().get("/api/alerts").json().get("total").asLong()).isZero();
        Api.Response resolved = shop.api().post("/api/alerts/" + id + "/resolve", Map.of());
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("resolved");
        assertThat(shop.api().post("/api/alerts", report).status())
                .as("the same subject after its resolution opens a new alert")
                .isEqualTo(201);
    }

    @Test
    void anAlertAMercatorModuleOwnsCannotBeResolvedByTheMerchant() {
        Tenant shop = newMerchant("Module-owned");
        transactions.executeWithoutResult(status -> events.publishEvent(new AlertRaised(
                MerchantId.of(shop.id()),
                AlertType.SYNC_PUSH_FAILED,
                AlertSeverity.CRITICAL,
                "SKU-1 on amazon",
                "refused",
                Map.of(),
                Instant.now())));
        String id = org.awaitility.Awaitility.await()
                .until(() -> shop.api().get("/api/alerts").json().get("items"), items -> items.size() == 1)
                .get(0)
                .get("id")
                .asString();

        Api.Response refused = shop.api().post("/api/alerts/" + id + "/resolve", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).contains("application/problem+json");
    }

    @Test
    void badReportsAnswer400WithTheFailingFieldAndStoreNothing() {
        Tenant shop = newMerchant("Careless reporter");
        JsonNode noSubject = expect400(shop, Map.of("severity", "warning", "message", "m"));
        assertThat(noSubject.get("errors").get(0).get("field").asString()).isEqualTo("subject");
        JsonNode badSeverity = expect400(shop, Map.of("subject", "s", "severity", "loud", "message", "m"));
        assertThat(badSeverity.get("errors").get(0).get("field").asString()).isEqualTo("severity");
        JsonNode longMessage = expect400(shop, Map.of("subject", "s", "severity", "info", "message", "m".repeat(2001)));
        assertThat(longMessage.get("errors").get(0).get("field").asString()).isEqualTo("message");
        JsonNode badDetails =
                expect400(shop, Map.of("subject", "s", "severity", "info", "message", "m", "details", Map.of("n", 1)));
        assertThat(badDetails.get("errors").get(0).get("field").asString()).isEqualTo("details.n");
        JsonNode unknown = expect400(shop, Map.of("subject", "s", "severity", "info", "message", "m", "type", "x"));
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(api.post("/api/alerts", Map.of("subject", "s", "severity", "info", "message", "m"))
                        .status())
                .as("without a merchant key")
                .isEqualTo(401);
        assertThat(shop.api().get("/api/alerts").json().get("total").asLong()).isZero();
    }

    private static JsonNode expect400(Tenant shop, Map<String, Object> body) {
        Api.Response response = shop.api().post("/api/alerts", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        return response.json();
    }
}
