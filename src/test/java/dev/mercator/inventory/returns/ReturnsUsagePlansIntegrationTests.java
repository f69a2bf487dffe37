package dev.mercator.inventory.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.MerchantFixture.AmazonSeller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Amazon simulator holds the Reports API and FBA Inventory operations the returns poller uses to Amazon's usage
 * plans, as the models state them (amzn/selling-partner-api-models at 34dc93f: reports_2021-06-30.json and
 * fbaInventory.json; docs/providers/amazon-sp-api.md): createReport 0.0167/s burst 15, getReport 2/s burst 15,
 * getReportDocument 0.0167/s burst 15, getInventorySummaries 2/s burst 2. Called over HTTP with a Login with Amazon
 * access token, as any SP-API client calls them: each admitted call announces its rate in {@code
 * x-amzn-RateLimit-Limit}; past the burst Amazon's 429 {@code QuotaExceeded} envelope comes back (with {@code
 * x-amzn-RequestId} and, as the models list for 429, no rate header); after the refill the operation answers again.
 */
class ReturnsUsagePlansIntegrationTests extends IntegrationTest {

    private static final String REPORTS = "/sandbox/amazon/reports/2021-06-30";
    private static final String SUMMARIES = "/sandbox/amazon/fba/inventory/v1/summaries?granularityType=Marketplace"
            + "&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER";
    private static final Map<String, Object> FBA_RETURNS_REPORT = Map.of(
            "reportType", "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA", "marketplaceIds", List.of("ATVPDKIKX0DER"));

    @Test
    void eachReturnsOperationIsThrottledPastItsBurstWithAmazonsErrorAndRecoversAfterTheRefill() {
        AmazonSeller amazon = AmazonSeller.random("amzn1.application-oa2-client.plans", "plans-secret");
        assertThat(api.post("/sandbox/amazon/_sim/sellers", amazon.registration(List.of()))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/sandbox/amazon/_sim/sellers/" + amazon.sellerId() + "/returns",
                                Map.of("orderId", "114-0000000-0000001", "sku", "MUG", "quantity", 1))
                        .status())
                .isEqualTo(201);
        Api sp = api.with("x-amz-access-token", accessToken(amazon));

        // A report to read: created, then DONE after the simulator's processing delay.
        Api.Response created = sp.post(REPORTS + "/reports", FBA_RETURNS_REPORT);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String reportId = created.json().get("reportId").asString();
        AtomicReference<String> documentId = new AtomicReference<>();
        assertThat(Eventually.holds(Duration.ofSeconds(60), Duration.ofMillis(600), () -> {
                    JsonNode report = sp.get(REPORTS + "/reports/" + reportId).json();
                    documentId.set(report.path("reportDocumentId").asString(""));
                    return "DONE".equals(report.path("processingStatus").asString(""));
                }))
                .isTrue();

        // createReport: one of its 15 tokens spent above; the bucket refills one a minute.
        Burst createReport =
                exhaust("createReport", 15, 1, 0.0167, () -> sp.post(REPORTS + "/reports", FBA_RETURNS_REPORT));
        Burst getReportDocument =
                exhaust("getReportDocument", 15, 0, 0.0167, () -> sp.get(REPORTS + "/documents/" + documentId.get()));
        // getReport: polling for DONE every 600 ms took a token each time and 2 a second put them back, but the last
        // one taken may not be back yet.
        Burst getReport = exhaust("getReport", 15, 1, 2, () -> sp.get(REPORTS + "/reports/" + reportId));
        Burst summaries = exhaust("getInventorySummaries", 2, 0, 2, () -> sp.get(SUMMARIES));

        for (Burst burst : List.of(createReport, getReportDocument, getReport, summaries)) {
            burst.recovers();
        }
    }

    /**
     * Calls until the first 429, which must come once the burst is spent (less {@code spent} tokens taken before, plus
     * what refilled meanwhile).
     */
    private static Burst exhaust(String operation, int burst, int spent, double rate, Supplier<Api.Response> call) {
        long started = System.nanoTime();
        int admitted = 0;
        Api.Response refused = null;
        while (refused == null && admitted < burst + 100) {
            Api.Response response = call.get();
            if (response.status() == 429) {
                refused = response;
            } else {
                assertThat(response.status()).as("%s: %s", operation, response).isBetween(200, 202);
                assertThat(response.header("x-amzn-RateLimit-Limit"))
                        .as("%s announces its rate", operation)
                        .isEqualTo(Double.toString(rate));
                admitted++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(refused).as("%s was never throttled", operation).isNotNull();
        // At least the burst; at most the burst and the tokens the elapsed time could have added.
        assertThat(admitted).as("%s calls admitted before the 429", operation).isGreaterThanOrEqualTo(burst - spent);
        assertThat(admitted)
                .as("%s calls admitted before the 429", operation)
                .isLessThanOrEqualTo(burst + (int) Math.ceil(rate * seconds) + 1);
        assertThat(refused.header("x-amzn-RequestId")).isNotBlank();
        assertThat(refused.header("x-amzn-ErrorType")).isEqualTo("QuotaExceeded");
        // Amazon's models list only x-amzn-RequestId for a 429: the rate is announced on admitted calls.
        assertThat(refused.header("x-amzn-RateLimit-Limit")).isNull();
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("QuotaExceeded");
        assertThat(error.get("message").asString()).isEqualTo("You exceeded your quota for the requested resource.");
        assertThat(error.has("details")).isTrue();
        // Still throttled right after: a 429 takes no token and the bucket has not refilled yet.
        if (rate < 1) {
            assertThat(call.get().status())
                    .as("%s right after its 429", operation)
                    .isEqualTo(429);
        }
        return new Burst(operation, rate, call);
    }

    private record Burst(String operation, double rate, Supplier<Api.Response> call) {

        /** Polls until the refill lets a call through: a minute for the 0.0167/s plans, half a second otherwise. */
        void recovers() {
            AtomicReference<Api.Response> last = new AtomicReference<>();
            boolean recovered =
                    Eventually.holds(Duration.ofSeconds(150), Duration.ofMillis(rate < 1 ? 2000 : 100), () -> {
                        last.set(call.get());
                        return last.get().status() != 429;
                    });
            assertThat(recovered).as("%s recovers after the refill", operation).isTrue();
            assertThat(last.get().status()).as("%s: %s", operation, last.get()).isBetween(200, 202);
            assertThat(last.get().header("x-amzn-RateLimit-Limit")).isEqualTo(Double.toString(rate));
        }
    }

    private String accessToken(AmazonSeller amazon) {
        Api.Response token = api.post(
                "/sandbox/amazon/auth/o2/token",
                Map.of(
                        "grant_type", "refresh_token",
                        "refresh_token", amazon.refreshToken(),
                        "client_id", amazon.clientId(),
                        "client_secret", amazon.clientSecret()));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().get("access_token").asString();
    }
}
