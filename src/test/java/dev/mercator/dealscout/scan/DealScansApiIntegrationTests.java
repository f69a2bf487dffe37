package dev.mercator.dealscout.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/deals/scans} and {@code /api/deals/observations}: validation, limits and tenancy, over HTTP. */
class DealScansApiIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> scan(Object... overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keywords", "usb cable");
        body.put("categoryId", "58058");
        body.put("conditionIds", List.of("1000", "3000"));
        body.put("minPrice", 5);
        body.put("maxPrice", 80);
        body.put("marketplaces", List.of("ebay"));
        body.put("intervalMinutes", 15);
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    static Api.Response patch(Api api, String path, String json) {
        return api.send("PATCH", path, "application/merge-patch+json", json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> invalidFields(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("type").asString()).isEqualTo("urn:mercator:problem:validation-failed");
        return response.json()
                .path("errors")
                .valueStream()
                .map(error -> error.path("field").asString())
                .toList();
    }

    long scansOf(Tenant tenant) {
        return jdbc.sql("select count(*) from dealscout_scans where merchant_id = cast(:m as uuid)")
                .param("m", tenant.id())
                .query(Long.class)
                .single();
    }

    List<String> audited(String scan) {
        return jdbc.sql("select action from audit_records where subject = :s order by seq")
                .param("s", "deal_scan:" + scan)
                .query(String.class)
                .list();
    }

    @Test
    void aMerchantCreatesReadsChangesAndDeletesItsScan() {
        Tenant shop = newMerchant("Scan Owner");

        Api.Response created = shop.api().post("/api/deals/scans", scan());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.path("id").asString();
        assertThat(body.path("keywords").asString()).isEqualTo("usb cable");
        assertThat(body.path("conditionIds").valueStream().map(JsonNode::asString))
                .containsExactly("1000", "3000");
        assertThat(body.path("intervalMinutes").asLong()).isEqualTo(15);
        assertThat(body.path("effectiveIntervalMinutes").asLong()).isEqualTo(15);
        assertThat(body.path("buyingFormat").asString()).isEqualTo("FIXED_PRICE");

        assertThat(shop.api().get("/api/deals/scans/" + id).json().path("name").asString())
                .isEqualTo("usb cable");
        assertThat(shop.api()
                        .get("/api/deals/scans")
                        .json()
                        .valueStream()
                        .map(s -> s.path("id").asString()))
                .containsExactly(id);
        assertThat(shop.api().get("/api/deals/scans/" + id + "/health").status())
                .isEqualTo(200);

        Api.Response changed = patch(
                shop.api(), "/api/deals/scans/" + id, "{\"maxPrice\": 60, \"categoryId\": null, \"name\": \"c\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("maxPrice").decimalValue()).isEqualByComparingTo("60");
        assertThat(changed.json().path("categoryId").isNull()).isTrue();
        assertThat(changed.json().path("name").asString()).isEqualTo("c");

        assertThat(shop.api().delete("/api/deals/scans/" + id).status()).isEqualTo(204);
        assertThat(shop.api().get("/api/deals/scans/" + id).status()).isEqualTo(404);
        Eventually.holds(
                Duration.ofSeconds(10), Duration.ofMillis(50), () -> audited(id).size() == 3);
        assertThat(audited(id)).containsExactly("deal_scan.created", "deal_scan.updated", "deal_scan.deleted");
    }

    @Test
    void badScansAreRefusedFieldByFieldAndNothingIsStored() {
        Tenant shop = newMerchant("Bad Scans");

        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("keywords", " "))))
                .containsExactly("keywords");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("categoryId", "424242"))))
                .containsExactly("categoryId");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("conditionIds", List.of("1000", "New")))))
                .containsExactly("conditionIds");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("minPrice", 90, "maxPrice", 10))))
                .containsExactly("minPrice");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("minPrice", -1))))
                .containsExactly("minPrice");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("maxPrice", 1e12))))
                .containsExactly("maxPrice");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("intervalMinutes", 1))))
                .containsExactly("intervalMinutes");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("marketplaces", List.of("etsy")))))
                .containsExactly("marketplaces");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("buyingFormat", "AUCTION"))))
                .containsExactly("auctionEndingWithinHours");
        assertThat(invalidFields(shop.api().post("/api/deals/scans", scan("currency", "usd"))))
                .containsExactly("currency");
        assertThat(shop.api()
                        .post("/api/deals/scans", scan("buyingFormat", "AUCTION", "auctionEndingWithinHours", 6))
                        .status())
                .isEqualTo(201);
        assertThat(scansOf(shop)).isEqualTo(1);

        String id = shop.api().get("/api/deals/scans").json().path(0).path("id").asString();
        assertThat(invalidFields(patch(shop.api(), "/api/deals/scans/" + id, "{\"intervalMinutes\": 2}")))
                .containsExactly("intervalMinutes");
        assertThat(invalidFields(patch(shop.api(), "/api/deals/scans/" + id, "{\"colour\": \"red\"}")))
                .containsExactly("colour");
        assertThat(shop.api()
                        .get("/api/deals/scans/" + id)
                        .json()
                        .path("intervalMinutes")
                        .asLong())
                .isEqualTo(15);
    }

    @Test
    void aMerchantNeverSeesOrChangesAnotherMerchantsScanAndNoKeyIsRefused() {
        Tenant owner = newMerchant("Owner");
        Tenant other = newMerchant("Other");
        String id =
                owner.api().post("/api/deals/scans", scan()).json().path("id").asString();
        String path = "/api/deals/scans/" + id;

        assertThat(other.api().get(path).status()).isEqualTo(404);
        assertThat(other.api().get(path + "/health").status()).isEqualTo(404);
        assertThat(patch(other.api(), path, "{\"maxPrice\": 10}").status()).isEqualTo(404);
        assertThat(other.api().delete(path).status()).isEqualTo(404);
        assertThat(other.api().get("/api/deals/scans").json().size()).isZero();
        assertThat(owner.api().get(path).json().path("maxPrice").decimalValue()).isEqualByComparingTo("80");

        assertThat(api.get("/api/deals/scans").status()).isEqualTo(401);
        assertThat(api.get(path).status()).isEqualTo(401);
        assertThat(api.post("/api/deals/scans", scan()).status()).isEqualTo(401);
        assertThat(patch(api, path, "{}").status()).isEqualTo(401);
        assertThat(api.delete(path).status()).isEqualTo(401);
        assertThat(api.get(path + "/health").status()).isEqualTo(401);
        assertThat(api.post("/api/deals/observations", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aMerchantAtItsScanLimitIsRefusedWithAConflict() {
        Tenant busy = newMerchant("Busy Scanner");
        for (int i = 0; i < 50; i++) {
            assertThat(busy.api()
                            .post("/api/deals/scans", scan("keywords", "cable " + i))
                            .status())
                    .isEqualTo(201);
        }

        Api.Response refused = busy.api().post("/api/deals/scans", scan("keywords", "one too many"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("limit").asInt()).isEqualTo(50);
        assertThat(scansOf(busy)).isEqualTo(50);
    }

    @Test
    void aSubmittedObservationIsMarkedAsTheMerchantsAndItsUrlIsCheckedNeverFetched() {
        Tenant shop = newMerchant("Extension User");
        Tenant other = newMerchant("Someone Else");
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("url", "https://shop.example/item/42?ref=ext");
        seen.put("title", "Vintage lamp");
        seen.put("price", 120);
        seen.put("shipping", 9.5);

        Api.Response first = shop.api().post("/api/deals/observations", seen);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("source").asString()).isEqualTo("USER_SUBMITTED");
        assertThat(first.json().path("marketplace").asString()).isEqualTo("shop.example");
        assertThat(first.json().path("total").decimalValue()).isEqualByComparingTo("129.50");
        seen.put("price", 110);
        JsonNode cut = shop.api().post("/api/deals/observations", seen).json();
        assertThat(cut.path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(cut.path("priceHistory").size()).isEqualTo(2);

        String path = "/api/deals/observations/" + cut.path("id").asString();
        assertThat(shop.api().get(path).status()).isEqualTo(200);
        assertThat(other.api().get(path).status()).isEqualTo(404);

        for (String bad : List.of("ftp://shop.example/x", "/relative/path", "https://user:pw@shop.example/x", "nope")) {
            Map<String, Object> body = new LinkedHashMap<>(seen);
            body.put("url", bad);
            assertThat(invalidFields(shop.api().post("/api/deals/observations", body)))
                    .as(bad)
                    .containsExactly("url");
        }
        Map<String, Object> noPrice = new LinkedHashMap<>(seen);
        noPrice.remove("price");
        noPrice.put("conditionId", "9999");
        assertThat(invalidFields(shop.api().post("/api/deals/observations", noPrice)))
                .containsExactlyInAnyOrder("price", "conditionId");
    }
}
