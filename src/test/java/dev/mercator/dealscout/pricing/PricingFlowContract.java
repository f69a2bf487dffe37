package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seller flow end to end over HTTP, run against each object store ({@link PricingDirectoryIntegrationTests},
 * {@link PricingS3IntegrationTests}): photos stored stripped and read back, every bad input refused with a problem and
 * nothing stored, processing to {@code priced} and to {@code needs_input} then corrected, and tenancy on every
 * endpoint.
 */
abstract class PricingFlowContract extends PricingIntegrationTest {

    @Test
    void photosAreStoredStrippedAndReadBackWithTheirOrientation() {
        Tenant tenant = newMerchant("Seller photos");
        byte[] jpeg = TestImages.jpegWithExif(64, 48, 6);
        byte[] png = TestImages.pngWithText(20, 10);
        byte[] webp = TestImages.webpWithExif();

        Api.Response created = upload(tenant.api(), List.of(jpeg, png, webp), fields("title", "Sony WH-1000XM5"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode item = created.json();
        assertThat(item.get("status").asString()).isEqualTo("received");
        assertThat(item.get("photos")).hasSize(3);
        assertThat(item.get("photos").get(0).get("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(item.get("photos").get(1).get("mediaType").asString()).isEqualTo("image/png");
        assertThat(item.get("photos").get(2).get("mediaType").asString()).isEqualTo("image/webp");
        assertThat(item.get("photos").get(0).get("width").asInt()).isEqualTo(64);
        String id = item.get("id").asString();

        Api.Response first = tenant.api().get("/api/pricing/items/" + id + "/photos/1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("image/jpeg");
        assertThat(TestImages.contains(first.raw(), TestImages.SECRET)).isFalse();
        assertThat(TestImages.jpegExifEntries(first.raw()))
                .as("GPS and description gone")
                .isEqualTo(1);
        assertThat(TestImages.jpegOrientation(first.raw())).isEqualTo(6);
        for (int n = 2; n <= 3; n++) {
            Api.Response photo = tenant.api().get("/api/pricing/items/" + id + "/photos/" + n);
            assertThat(photo.status()).isEqualTo(200);
            assertThat(TestImages.contains(photo.raw(), TestImages.SECRET)).isFalse();
        }
        assertThat(tenant.api().get("/api/pricing/items/" + id + "/photos/4").status())
                .isEqualTo(404);
        assertThat(objectsOf(tenant)).isEqualTo(3);
    }

    @Test
    void aNonImageRenamedJpgIsRefusedAndNothingIsStored() {
        Tenant tenant = newMerchant("Seller fake jpg");

        Api.Response refused = upload(
                tenant.api(),
                List.of(TestImages.plainJpeg(10, 10), "not an image".getBytes(StandardCharsets.UTF_8)),
                fields("title", "Thing"));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("photo").asInt()).isEqualTo(2);
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant))
                .as("the valid first photo is not kept either")
                .isZero();
    }

    @Test
    void tooManyPhotosAreRefused() {
        Tenant tenant = newMerchant("Seller too many");
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            photos.add(TestImages.plainJpeg(8, 8));
        }

        Api.Response refused = upload(tenant.api(), photos, fields());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("limit").asInt()).isEqualTo(8);
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant)).isZero();
    }

    @Test
    void aPhotoOverTheSizeLimitIsRefusedWith413() {
        Tenant tenant = newMerchant("Seller too big");
        byte[] big = new byte[11 * 1024 * 1024];
        byte[] jpeg = TestImages.plainJpeg(8, 8);
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);

        Api.Response refused = upload(tenant.api(), List.of(big), fields());

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant)).isZero();
    }

    @Test
    void aRequestOverTheUploadLimitIsRefusedWith413ProblemBeforeTheController() {
        Tenant tenant = newMerchant("Seller huge");
        // Four photos of 10.5 MB: over the 40 MB multipart limit as a whole.
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            photos.add(new byte[10 * 1024 * 1024 + 512 * 1024]);
        }

        Api.Response refused = upload(tenant.api(), photos, fields());

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant)).isZero();
    }

    @Test
    void aDecompressionBombIsRefusedWith413() {
        Tenant tenant = newMerchant("Seller bomb");

        Api.Response refused = upload(tenant.api(), List.of(TestImages.pngBomb(100_000, 100_000)), fields());

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("decompression bomb");
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant)).isZero();
    }

    @Test
    void aBadGtinAndAnUnknownConditionAreRefusedTogether() {
        Tenant tenant = newMerchant("Seller bad fields");

        Api.Response refused = upload(
                tenant.api(),
                List.of(TestImages.plainJpeg(8, 8)),
                fields("gtin", "4006381333932", "conditionId", "3333"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("gtin", "conditionId");
        assertThat(rowsOf(tenant)).isZero();
        assertThat(objectsOf(tenant)).isZero();
    }

    @Test
    void anItemIsPricedFromItsCompsWithDaysToSellFromSurvivalEvidence() {
        Tenant tenant = newMerchant("Seller priced");
        String category = category();
        String title = "Sony WH-1000XM5 wireless headphones";
        List<String> comps = feedComps(category, title, 15, 200);
        // Survival evidence for the five cheapest comps: they were listed for 2 days before they vanished.
        Instant now = clock.instant();
        for (int i = 0; i < 5; i++) {
            double price = 180 + (40.0 * i / 14);
            jdbc.sql("insert into dealscout_observations (id, merchant_id, marketplace, listing_id, title,"
                            + " condition_id, category_id, price, shipping, currency, buying_format, source,"
                            + " first_seen_at, last_seen_at, vanished_at) values (:id, :m, 'ebay', :listing, :title,"
                            + " '3000', :category, :price, 0, 'USD', 'FIXED_PRICE', 'scan', :first, :last, :gone)")
                    .param("id", UUID.fromString(comps.get(i)))
                    .param("m", UUID.fromString(tenant.id()))
                    .param("listing", "v1|" + UUID.randomUUID())
                    .param("title", title)
                    .param("category", category)
                    .param("price", java.math.BigDecimal.valueOf(Math.round(price * 100) / 100.0))
                    .param("first", Timestamp.from(now.minus(Duration.ofDays(3))))
                    .param("last", Timestamp.from(now.minus(Duration.ofDays(1))))
                    .param("gone", Timestamp.from(now.minus(Duration.ofDays(1))))
                    .update();
        }

        Api.Response created = upload(
                tenant.api(),
                List.of(TestImages.plainJpeg(16, 16)),
                fields("title", title, "conditionId", "3000", "categoryId", category));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        JsonNode item = processed(tenant, id);

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("priced");
        JsonNode answer = item.get("answer");
        assertThat(answer.get("basis").asString()).isEqualTo("merchant");
        assertThat(answer.get("identifiedBy").asString()).isEqualTo("model");
        assertThat(answer.get("valuation").get("method").asString()).isEqualTo("sale_evidence");
        double median = answer.get("valuation").get("median").asDouble();
        assertThat(median).isBetween(190.0, 210.0);
        JsonNode prices = answer.get("prices");
        // The five cheapest comps sold (vanished) after 2 days at 180.00, 182.86, 185.71, 188.57 and 191.43: within
        // the 3-day quick-sale horizon and the 30-day patient one, so all three prices come from them.
        assertThat(prices.get(0).get("kind").asString()).isEqualTo("quick_sale");
        assertThat(prices.get(0).get("basis").asString()).isEqualTo("survival evidence");
        assertThat(prices.get(0).get("basisN").asInt()).isEqualTo(5);
        assertThat(prices.get(0).get("horizonDays").asDouble()).isEqualTo(3.0);
        assertThat(prices.get(0).get("price").asDouble()).isEqualTo(185.71);
        assertThat(prices.get(1).get("basis").asString()).isEqualTo("survival evidence");
        assertThat(prices.get(1).get("price").asDouble()).isEqualTo(185.71);
        assertThat(prices.get(1).get("horizonDays").isNull()).isTrue();
        assertThat(prices.get(2).get("basis").asString()).isEqualTo("survival evidence");
        assertThat(prices.get(2).get("horizonDays").asDouble()).isEqualTo(30.0);
        assertThat(prices.get(2).get("price").asDouble()).isEqualTo(191.43);
        assertThat(prices.get(0).get("price").asDouble()).isLessThan(median);
        // Three of the sales are at or below the quick-sale price: their 2 days on the market are its evidence.
        assertThat(prices.get(0).get("evidence").asLong()).isEqualTo(3);
        assertThat(prices.get(0).get("expectedDaysToSell").asDouble()).isEqualTo(2.0);
        JsonNode ebay = answer.get("netProceeds").get(2);
        assertThat(ebay.get("marketplace").asString()).isEqualTo("ebay");
        // At the market price: 13.25 % of 185.71 plus the 0.40 per-order fee; no outbound shipping configured here.
        assertThat(ebay.get("salePrice").asDouble()).isEqualTo(185.71);
        assertThat(ebay.get("fees").asDouble()).isEqualTo(25.01);
        assertThat(ebay.get("outboundShipping").asDouble()).isEqualTo(0.0);
        assertThat(ebay.get("net").asDouble()).isEqualTo(160.70);
        assertThat(answer.get("gtinLookup").isNull()).isTrue();
    }

    @Test
    void withoutSurvivalEvidenceDaysToSellAreUnknown() {
        Tenant tenant = newMerchant("Seller unknown days");
        String category = category();
        feedComps(category, "Bose QC-45 headphones", 15, 150);

        String id = upload(
                        tenant.api(),
                        List.of(TestImages.plainJpeg(16, 16)),
                        fields("title", "Bose QC-45 headphones", "conditionId", "3000", "categoryId", category))
                .json()
                .get("id")
                .asString();
        JsonNode item = processed(tenant, id);

        assertThat(item.get("status").asString()).isEqualTo("priced");
        item.get("answer").get("prices").forEach(price -> {
            assertThat(price.get("basis").asString()).isEqualTo("interval");
            assertThat(price.get("expectedDaysToSell").isNull()).isTrue();
            assertThat(price.get("daysToSell").asString()).isEqualTo("unknown");
        });
    }

    @Test
    void anItemWithoutCompsNeedsInputAndIsPricedAfterTheMerchantCorrectsIt() {
        Tenant tenant = newMerchant("Seller corrects");
        String category = category();
        feedComps(category, "Garmin FR-255 watch", 15, 250);

        String id = upload(
                        tenant.api(),
                        List.of(TestImages.plainJpeg(16, 16)),
                        fields("title", "Garmin FR-265 watch", "categoryId", category))
                .json()
                .get("id")
                .asString();
        JsonNode waiting = processed(tenant, id);
        assertThat(waiting.get("status").asString()).isEqualTo("needs_input");
        assertThat(waiting.get("reason").asString()).contains("condition");

        Api.Response patched = tenant.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/merge-patch+json",
                        "{\"conditionId\": \"3000\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("status").asString()).isEqualTo("received");
        JsonNode noComps = processed(tenant, id);
        assertThat(noComps.get("status").asString()).isEqualTo("needs_input");
        assertThat(noComps.get("reason").asString()).contains("Too few comparable");

        tenant.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/merge-patch+json",
                        "{\"title\": \"Garmin FR-255 watch\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode priced = processed(tenant, id);
        assertThat(priced.get("status").asString()).isEqualTo("priced");
        assertThat(priced.get("inputs").get("conditionId").asInt()).isEqualTo(3000);
        assertThat(priced.get("answer").get("product").asString()).isEqualTo("fr255");
    }

    @Test
    void aPatchWithABadGtinIsRefusedAndChangesNothing() {
        Tenant tenant = newMerchant("Seller bad patch");
        String id = upload(tenant.api(), List.of(TestImages.plainJpeg(8, 8)), fields("title", "Lamp"))
                .json()
                .get("id")
                .asString();

        Api.Response refused = tenant.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/json",
                        "{\"gtin\": \"12345\", \"colour\": \"red\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(tenant.api()
                        .get("/api/pricing/items/" + id)
                        .json()
                        .get("inputs")
                        .get("gtin")
                        .isNull())
                .isTrue();
    }

    @Test
    void twoPassesRacingForTheSameItemProcessItOnce() throws Exception {
        Tenant tenant = newMerchant("Seller race");
        String id = upload(tenant.api(), List.of(TestImages.plainJpeg(8, 8)), fields("title", "Lamp"))
                .json()
                .get("id")
                .asString();
        PricingItem queued = jdbcItem(id);

        // Both instances read the item as queued; only one claim can match its version.
        PricingItems items = new PricingItems(jdbc);
        Instant now = clock.instant();
        var first = items.transition(queued, PricingStatus.IDENTIFYING, now.plusSeconds(60), null, null, null, now);
        var second = items.transition(queued, PricingStatus.IDENTIFYING, now.plusSeconds(60), null, null, null, now);

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
    }

    @Test
    void anItemWhoseWorkerDiedIsTakenOverOnlyAfterItsLease() {
        Tenant tenant = newMerchant("Seller lease");
        String id = upload(tenant.api(), List.of(TestImages.plainJpeg(8, 8)), fields("title", "Lamp"))
                .json()
                .get("id")
                .asString();
        PricingItems items = new PricingItems(jdbc);
        Instant now = clock.instant();
        // Another instance claimed it and died: its lease runs for another minute.
        items.transition(jdbcItem(id), PricingStatus.IDENTIFYING, now.plusSeconds(60), null, null, null, now)
                .orElseThrow();

        pass.run();
        assertThat(jdbcItem(id).status()).as("still leased").isEqualTo(PricingStatus.IDENTIFYING);

        PricingItem held = jdbcItem(id);
        items.transition(held, PricingStatus.IDENTIFYING, now.minusSeconds(1), null, null, null, now)
                .orElseThrow();
        pass.run();
        assertThat(jdbcItem(id).status()).as("taken over after the lease").isEqualTo(PricingStatus.NEEDS_INPUT);
    }

    private PricingItem jdbcItem(String id) {
        return new PricingItems(jdbc).find(UUID.fromString(id)).orElseThrow();
    }

    @Test
    void anotherMerchantSeesAndTouchesNothing() {
        Tenant owner = newMerchant("Seller owner");
        Tenant other = newMerchant("Seller other");
        String id = upload(owner.api(), List.of(TestImages.plainJpeg(8, 8)), fields("title", "Lamp"))
                .json()
                .get("id")
                .asString();

        Api.Response get = other.api().get("/api/pricing/items/" + id);
        Api.Response photo = other.api().get("/api/pricing/items/" + id + "/photos/1");
        Api.Response patch = other.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/json",
                        "{\"title\": \"Mine now\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(photo.status()).isEqualTo(404);
        assertThat(patch.status()).isEqualTo(404);
        assertThat(owner.api()
                        .get("/api/pricing/items/" + id)
                        .json()
                        .get("inputs")
                        .get("title")
                        .asString())
                .isEqualTo("Lamp");
        assertThat(api.get("/api/pricing/items/" + id).status())
                .as("no API key")
                .isEqualTo(401);
        assertThat(upload(api, List.of(TestImages.plainJpeg(8, 8)), fields()).status())
                .isEqualTo(401);
    }

    static Map<String, Object> json(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
