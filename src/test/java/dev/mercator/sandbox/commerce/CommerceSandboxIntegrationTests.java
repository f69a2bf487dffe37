package dev.mercator.sandbox.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The commerce generator over real HTTP, its events through the real intake into the journal. */
class CommerceSandboxIntegrationTests extends IntegrationTest {

    private static final String GENERATE = "/api/admin/sandbox/analytics/generate";

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> request(String merchant, long seed) {
        return Map.of(
                "merchantId",
                merchant,
                "seed",
                seed,
                "customers",
                40,
                "orders",
                250,
                "fraudRings",
                2,
                "from",
                "2025-10-01",
                "to",
                "2025-12-31");
    }

    private List<String> journal(String merchant) {
        return jdbc.sql("select event_id || ' ' || type || ' ' || payload from analytics_events"
                        + " where merchant_id = :m order by event_id")
                .param("m", UUID.fromString(merchant))
                .query(String.class)
                .list();
    }

    @Test
    void everyGeneratedEventPassesTheIntakeAndTheSameSeedSendsTheSameEventsAgain() {
        Tenant one = newMerchant("Generated One");
        Tenant two = newMerchant("Generated Two");

        Api.Response first = admin.post(GENERATE, request(one.id(), 7L));
        Api.Response second = admin.post(GENERATE, request(two.id(), 7L));
        Api.Response repeat = admin.post(GENERATE, request(one.id(), 7L));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode body = first.json();
        int events = 0;
        for (var entry : body.get("generated").properties()) {
            if (entry.getKey().startsWith("events.")) {
                events += entry.getValue().asInt();
            }
        }
        assertThat(body.get("rejected").asInt())
                .as(body.get("rejections").toString())
                .isZero();
        assertThat(body.get("accepted").asInt()).isEqualTo(events);
        assertThat(body.get("generated").get("events.order_placed").asInt()).isGreaterThanOrEqualTo(250);
        assertThat(body.get("chargebacks").size())
                .isEqualTo(body.get("generated").get("chargebacks").asInt());
        assertThat(journal(one.id())).hasSize(events);
        assertThat(journal(two.id())).isEqualTo(journal(one.id()));
        assertThat(second.json().get("accepted").asInt()).isEqualTo(events);
        assertThat(repeat.json().get("accepted").asInt()).isZero();
        assertThat(repeat.json().get("duplicates").asInt()).isEqualTo(events);
    }

    @Test
    void theLabelsListEveryGeneratedOrderForThatMerchantOnly() {
        Tenant shop = newMerchant("Labelled");
        Tenant other = newMerchant("Unlabelled");
        Api.Response generated = admin.post(GENERATE, request(shop.id(), 11L));

        Api.Response labels = admin.get("/api/admin/sandbox/analytics/labels?merchant=" + shop.id());
        Api.Response none = admin.get("/api/admin/sandbox/analytics/labels?merchant=" + other.id());

        assertThat(labels.status()).isEqualTo(200);
        assertThat(labels.json().get("orders").asInt())
                .isEqualTo(generated
                        .json()
                        .get("generated")
                        .get("events.order_placed")
                        .asInt());
        List<String> chargebacks = new ArrayList<>();
        for (JsonNode label : labels.json().get("labels")) {
            if (label.get("chargeback").asBoolean()) {
                chargebacks.add(label.get("orderId").asString());
            }
        }
        List<String> answered = new ArrayList<>();
        for (JsonNode label : generated.json().get("chargebacks")) {
            answered.add(label.get("orderId").asString());
        }
        assertThat(chargebacks).isNotEmpty().containsExactlyInAnyOrderElementsOf(answered);
        assertThat(none.json().get("orders").asInt()).isZero();
    }

    @Test
    void badRequestsAreProblemsAndMerchantsCannotGenerate() {
        Tenant shop = newMerchant("Refused");
        Map<String, Object> backwards = new java.util.HashMap<>(request(shop.id(), 1L));
        backwards.put("from", "2025-12-31");
        backwards.put("to", "2025-10-01");
        Map<String, Object> future = new java.util.HashMap<>(request(shop.id(), 1L));
        future.put("to", "2999-01-01");
        Map<String, Object> huge = new java.util.HashMap<>(request(shop.id(), 1L));
        huge.put("orders", 1_000_000);

        assertThat(admin.post(GENERATE, backwards).status()).isEqualTo(400);
        assertThat(admin.post(GENERATE, future).status()).isEqualTo(400);
        assertThat(admin.post(GENERATE, huge).status()).isEqualTo(400);
        assertThat(admin.post(GENERATE, request(UUID.randomUUID().toString(), 1L))
                        .status())
                .isEqualTo(404);
        assertThat(shop.api().post(GENERATE, request(shop.id(), 1L)).status()).isIn(401, 403);
        assertThat(journal(shop.id())).isEmpty();
    }
}
