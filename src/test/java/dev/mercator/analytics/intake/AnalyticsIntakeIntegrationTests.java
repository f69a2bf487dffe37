package dev.mercator.analytics.intake;

import static dev.mercator.analytics.AnalyticsEvents.batch;
import static dev.mercator.analytics.AnalyticsEvents.event;
import static dev.mercator.analytics.AnalyticsEvents.line;
import static dev.mercator.analytics.AnalyticsEvents.order;
import static dev.mercator.analytics.AnalyticsEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The event intake over real HTTP, its journal read back from the database. */
class AnalyticsIntakeIntegrationTests extends IntegrationTest {

    private static final String PATH = "/api/analytics/events";

    @Autowired
    JdbcClient jdbc;

    private long journaled(Tenant tenant) {
        return jdbc.sql("select count(*) from analytics_events where merchant_id = :m")
                .param("m", UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }

    private static List<String> statuses(Api.Response response) {
        List<String> statuses = new ArrayList<>();
        for (JsonNode result : response.json().get("events")) {
            statuses.add(result.get("status").asString());
        }
        return statuses;
    }

    @Test
    void aValidBatchIsAcceptedEventByEventAndCommittedBeforeTheAnswer() {
        Tenant shop = newMerchant("Intake Shop");

        Api.Response response = shop.api()
                .post(
                        PATH,
                        batch(List.of(
                                order(
                                        "e-1",
                                        "2026-03-01T10:00:00Z",
                                        "o-1",
                                        "c-1",
                                        "web",
                                        "0",
                                        List.of(line("sku-1", 2, "19.99"))),
                                pageView("e-2", "2026-03-01T09:59:00+01:00"),
                                event(
                                        "e-3",
                                        "payment_attempt",
                                        "2026-03-01T10:00:01Z",
                                        Map.of(
                                                "orderId",
                                                "o-1",
                                                "amount",
                                                "39.98",
                                                "currency",
                                                "USD",
                                                "outcome",
                                                "succeeded")))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(statuses(response)).containsExactly("accepted", "accepted", "accepted");
        assertThat(journaled(shop)).isEqualTo(3);
        String payload = jdbc.sql("select payload from analytics_events where merchant_id = :m and event_id = 'e-1'")
                .param("m", UUID.fromString(shop.id()))
                .query(String.class)
                .single();
        assertThat(payload).contains("\"unitPrice\":\"19.99\"");
    }

    @Test
    void aRepeatedEventIsAcknowledgedAsADuplicateAndStoredOnce() {
        Tenant shop = newMerchant("Duplicate Shop");
        List<Map<String, Object>> first =
                List.of(pageView("p-1", "2026-03-01T10:00:00Z"), pageView("p-2", "2026-03-01T10:01:00Z"));
        assertThat(shop.api().post(PATH, batch(first)).json().get("accepted").asInt())
                .isEqualTo(2);

        Api.Response again = shop.api()
                .post(
                        PATH,
                        batch(List.of(
                                pageView("p-1", "2026-03-01T10:00:00Z"),
                                pageView("p-3", "2026-03-01T10:02:00Z"),
                                pageView("p-3", "2026-03-01T10:02:00Z"),
                                pageView("p-2", "2026-03-01T10:01:00Z"))));

        assertThat(again.status()).isEqualTo(200);
        assertThat(statuses(again)).containsExactly("duplicate", "accepted", "duplicate", "duplicate");
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(3);
        assertThat(journaled(shop)).isEqualTo(3);
    }

    @Test
    void twoIdenticalBatchesSentAtOnceAreStoredOnce() throws Exception {
        Tenant shop = newMerchant("Concurrent Shop");
        for (int round = 0; round < 3; round++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                events.add(pageView("r" + round + "-" + i, "2026-03-01T10:00:00Z"));
            }
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Api.Response>> sends = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                sends.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return shop.api().post(PATH, batch(events));
                }));
            }
            int accepted = 0;
            int duplicates = 0;
            for (CompletableFuture<Api.Response> send : sends) {
                Api.Response response = send.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                accepted += response.json().get("accepted").asInt();
                duplicates += response.json().get("duplicates").asInt();
            }
            assertThat(accepted).as("round %d", round).isEqualTo(40);
            assertThat(duplicates).as("round %d", round).isEqualTo(40);
        }
        assertThat(journaled(shop)).isEqualTo(120);
    }

    @Test
    void invalidAndUnknownEventsAreRejectedWithTheirReasonsWhileTheValidOnesAreAccepted() {
        Tenant shop = newMerchant("Rejecting Shop");
        Map<String, Object> moneyAsNumber = event(
                "bad-money",
                "order_placed",
                "2026-03-01T10:00:00Z",
                Map.of(
                        "orderId",
                        "o-9",
                        "currency",
                        "USD",
                        "lines",
                        List.of(Map.of("sku", "a", "quantity", 1, "unitPrice", 19.99))));
        Map<String, Object> wrongVersion = pageView("v-2", "2026-03-01T10:00:00Z");
        wrongVersion.put("version", 2);
        Map<String, Object> extraField = pageView("extra", "2026-03-01T10:00:00Z");
        extraField.put("colour", "blue");

        Api.Response response = shop.api()
                .post(
                        PATH,
                        batch(List.of(
                                pageView("fine", "2026-03-01T10:00:00Z"),
                                event("what", "coupon_printed", "2026-03-01T10:00:00Z", Map.of()),
                                wrongVersion,
                                moneyAsNumber,
                                pageView("no-offset", "2026-03-01T10:00:00"),
                                pageView("future", "2099-01-01T00:00:00Z"),
                                extraField)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("rejected").asInt()).isEqualTo(6);
        JsonNode results = body.get("events");
        assertThat(results.get(0).get("status").asString()).isEqualTo("accepted");
        assertReason(results.get(1), "unknown_type", "$.type");
        assertReason(results.get(2), "unsupported_version", "$.version");
        assertReason(results.get(3), "invalid_payload", "$.payload.lines[0].unitPrice");
        assertReason(results.get(4), "invalid_envelope", "$.occurredAt");
        assertReason(results.get(5), "future_event", "$.occurredAt");
        assertReason(results.get(6), "invalid_envelope", "$.colour");
        assertThat(results.get(3).get("id").asString()).isEqualTo("bad-money");
        assertThat(journaled(shop)).isEqualTo(1);
    }

    private static void assertReason(JsonNode result, String code, String field) {
        assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("rejected");
        List<String> reasons = new ArrayList<>();
        for (JsonNode reason : result.get("reasons")) {
            reasons.add(
                    reason.get("code").asString() + " " + reason.get("field").asString());
            assertThat(reason.get("message").asString()).isNotBlank();
        }
        assertThat(reasons).as(result.toString()).contains(code + " " + field);
    }

    @Test
    void aBatchOverTheLimitIsRefusedWithTheLimitNamedAndNothingIsStored() {
        Tenant shop = newMerchant("Big Batch Shop");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(pageView("b-" + i, "2026-03-01T10:00:00Z"));
        }

        Api.Response response = shop.api().post(PATH, batch(events));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:mercator:problem:payload-too-large");
        assertThat(response.json().get("maxEvents").asInt()).isEqualTo(1000);
        assertThat(response.json().get("detail").asString()).contains("1000");
        assertThat(journaled(shop)).isZero();
        assertThat(shop.api()
                        .post(PATH, batch(events.subList(0, 1000)))
                        .json()
                        .get("accepted")
                        .asInt())
                .isEqualTo(1000);
    }

    @Test
    void aRequestThatIsNotABatchIsAProblem() {
        Tenant shop = newMerchant("Problem Shop");

        assertProblem(
                shop.api().send("POST", PATH, "application/json", "{\"events\": [".getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-body");
        assertProblem(
                shop.api().send("POST", PATH, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported-media-type");
        assertProblem(api.post(PATH, batch(List.of(pageView("x", "2026-03-01T10:00:00Z")))), 401, "unauthenticated");
        assertProblem(shop.api().post(PATH, List.of(pageView("x", "2026-03-01T10:00:00Z"))), 400, "validation-failed");
        assertProblem(shop.api().post(PATH, batch(List.of())), 400, "validation-failed");
        byte[] huge = ("{\"events\": [{\"id\": \"" + "x".repeat(1_100_000) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        assertProblem(shop.api().send("POST", PATH, "application/json", huge), 413, "payload-too-large");
        assertThat(journaled(shop)).isZero();
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:mercator:problem:" + type);
    }

    @Test
    void eventIdsBelongToTheirMerchant() {
        Tenant one = newMerchant("Tenant One");
        Tenant two = newMerchant("Tenant Two");

        Api.Response first = one.api().post(PATH, batch(List.of(pageView("shared-id", "2026-03-01T10:00:00Z"))));
        Api.Response second = two.api().post(PATH, batch(List.of(pageView("shared-id", "2026-03-01T10:00:00Z"))));

        assertThat(statuses(first)).containsExactly("accepted");
        assertThat(statuses(second)).containsExactly("accepted");
        assertThat(journaled(one)).isEqualTo(1);
        assertThat(journaled(two)).isEqualTo(1);
    }

    @Test
    void lateAndOutOfOrderEventsAreAccepted() {
        Tenant shop = newMerchant("Late Shop");

        Api.Response response = shop.api()
                .post(
                        PATH,
                        batch(List.of(
                                pageView("now", "2026-03-01T10:00:00Z"),
                                pageView("years-late", "2019-06-30T23:59:59Z"),
                                pageView("between", "2024-01-01T00:00:00-08:00"))));
        Api.Response later = shop.api().post(PATH, batch(List.of(pageView("older-still", "2015-01-01T00:00:00Z"))));

        assertThat(statuses(response)).containsExactly("accepted", "accepted", "accepted");
        assertThat(statuses(later)).containsExactly("accepted");
        assertThat(journaled(shop)).isEqualTo(4);
    }
}
