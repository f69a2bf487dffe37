package dev.mercator.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Orders API v2026-01-01 seen with a plain HTTP client, against what
 * {@code models/orders-api-model/orders_2026-01-01.json} states: paths, parameters, the response's shape, paging by
 * {@code pagination.nextToken}, errors as {@code ErrorList}.
 */
class OrdersSimulatorIntegrationTests extends IntegrationTest {

    private static final String SIM = "/sandbox/amazon";
    private static final String SEARCH = SIM + "/orders/2026-01-01/orders";
    private static final String MARKETPLACE = "ATVPDKIKX0DER";

    private String sellerId;
    private String token;

    @BeforeEach
    void registerSeller() {
        String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        sellerId = "A" + id.substring(0, 13);
        String clientId = "amzn1.application-oa2-client." + id.toLowerCase(Locale.ROOT);
        Map<String, Object> seller = Map.of(
                "sellerId",
                sellerId,
                "clientId",
                clientId,
                "clientSecret",
                "secret-" + id,
                "refreshToken",
                "Atzr|" + id);
        assertThat(api.post(SIM + "/_sim/sellers", seller).status()).isEqualTo(201);
        Api.Response lwa = api.post(
                SIM + "/auth/o2/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        "Atzr|" + id,
                        "client_id",
                        clientId,
                        "client_secret",
                        "secret-" + id));
        token = lwa.json().get("access_token").asString();
    }

    @Test
    void searchOrdersRefusesWhatTheModelRefusesWithAnErrorList() {
        String after = Instant.now().minusSeconds(600).toString();

        Api.Response v0Names = search("MarketplaceIds=" + MARKETPLACE + "&LastUpdatedAfter=" + after);
        Api.Response bothAfters = search("lastUpdatedAfter=" + after + "&createdAfter=" + after);
        Api.Response mixed = search("lastUpdatedAfter=" + after + "&createdBefore=" + after);
        Api.Response tooRecent = search("lastUpdatedAfter=" + after + "&lastUpdatedBefore="
                + Instant.now().minusSeconds(60));
        Api.Response v0Channel = search("lastUpdatedAfter=" + after + "&fulfilledBy=MFN");
        Api.Response pageTooLarge = search("lastUpdatedAfter=" + after + "&maxResultsPerPage=101");

        for (Api.Response refused : List.of(v0Names, bothAfters, mixed, tooRecent, v0Channel, pageTooLarge)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("InvalidInput");
        }
    }

    @Test
    void searchOrdersPagesByPaginationTokenWithTheSameFilters() {
        Instant tenMinutesAgo = Instant.now().minusSeconds(600);
        for (int i = 0; i < 3; i++) {
            seedOrder(tenMinutesAgo.plusSeconds(i), "MERCHANT");
        }
        seedOrder(tenMinutesAgo, "AMAZON");
        // Created just now: inside Amazon's two-minute settle, so not listed yet.
        seedOrder(null, "MERCHANT");
        String filters = "marketplaceIds=" + MARKETPLACE + "&lastUpdatedAfter=" + tenMinutesAgo.minusSeconds(60)
                + "&fulfilledBy=MERCHANT";

        List<String> listed = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Response page =
                    search(filters + "&maxResultsPerPage=1" + (next == null ? "" : "&paginationToken=" + next));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.has("lastUpdatedBefore")).isTrue();
            body.get("orders").forEach(order -> listed.add(order.get("orderId").asString()));
            next = body.has("pagination")
                    ? body.get("pagination").get("nextToken").asString()
                    : null;
            pages++;
            if (pages == 1) {
                Api.Response otherFilters = search("lastUpdatedAfter=" + tenMinutesAgo.minusSeconds(60)
                        + "&fulfilledBy=AMAZON&paginationToken=" + next);
                assertThat(otherFilters.status())
                        .as("a token is bound to its filters")
                        .isEqualTo(400);
            }
        } while (next != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void everyOrderCarriesItsItemsAndTheStatusOnlyWhenFulfillmentIsIncluded() {
        String orderId = seedOrder(Instant.now().minusSeconds(600), "MERCHANT");
        String filters = "lastUpdatedAfter=" + Instant.now().minusSeconds(900);

        JsonNode plain = search(filters).json().get("orders").get(0);
        JsonNode withFulfillment = search(filters + "&includedData=FULFILLMENT")
                .json()
                .get("orders")
                .get(0);

        for (JsonNode order : List.of(plain, withFulfillment)) {
            assertThat(order.get("orderId").asString()).isEqualTo(orderId);
            assertThat(order.has("createdTime")).isTrue();
            assertThat(order.has("lastUpdatedTime")).isTrue();
            assertThat(order.get("salesChannel").get("marketplaceId").asString())
                    .isEqualTo(MARKETPLACE);
            JsonNode item = order.get("orderItems").get(0);
            assertThat(item.get("quantityOrdered").asInt()).isEqualTo(2);
            assertThat(item.get("product").get("sellerSku").asString()).isEqualTo("MUG");
        }
        assertThat(plain.has("fulfillment")).isFalse();
        assertThat(withFulfillment.get("fulfillment").get("fulfillmentStatus").asString())
                .isEqualTo("UNSHIPPED");
        assertThat(withFulfillment.get("fulfillment").get("fulfilledBy").asString())
                .isEqualTo("MERCHANT");
    }

    @Test
    void getOrderAnswersOneOrderOr404() {
        String orderId = seedOrder(null, "MERCHANT");

        Api.Response found = api.get(SEARCH + "/" + orderId + "?includedData=FULFILLMENT", "x-amz-access-token", token);
        Api.Response missing = api.get(SEARCH + "/111-0000000-0000000", "x-amz-access-token", token);

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("order").get("orderId").asString()).isEqualTo(orderId);
        assertThat(found.json().get("order").get("orderItems")).hasSize(1);
        assertThat(found.header("x-amzn-RateLimit-Limit")).isEqualTo("0.5");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("errors").get(0).has("message")).isTrue();
    }

    @Test
    void searchOrdersHasTheModelsUsagePlan() {
        String filters = "lastUpdatedAfter=" + Instant.now().minusSeconds(900);
        for (int i = 0; i < 20; i++) {
            Api.Response within = search(filters);
            assertThat(within.status()).as("call " + (i + 1) + " of the burst").isEqualTo(200);
            assertThat(within.header("x-amzn-RateLimit-Limit")).isEqualTo("0.0056");
        }

        Api.Response beyond = search(filters);

        assertThat(beyond.status()).isEqualTo(429);
        assertThat(beyond.json().get("errors").get(0).get("code").asString()).isEqualTo("QuotaExceeded");
    }

    private Api.Response search(String query) {
        return api.get(SEARCH + "?" + query, "x-amz-access-token", token);
    }

    private String seedOrder(Instant createdTime, String fulfilledBy) {
        Map<String, Object> order = new HashMap<>();
        order.put("fulfilledBy", fulfilledBy);
        order.put("items", List.of(Map.of("sellerSku", "MUG", "quantity", 2)));
        if (createdTime != null) {
            order.put("createdTime", createdTime.toString());
        }
        Api.Response seeded = api.post(SIM + "/_sim/sellers/" + sellerId + "/orders", order);
        assertThat(seeded.status()).as(seeded.toString()).isEqualTo(201);
        return seeded.json().get("orderId").asString();
    }
}
