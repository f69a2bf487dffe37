package dev.mercator.dealscout.pricing;

import dev.mercator.dealscout.valuation.Comp;
import dev.mercator.dealscout.valuation.DealValuation;
import dev.mercator.dealscout.valuation.ItemFacts;
import dev.mercator.platform.storage.ObjectStore;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the seller-flow tests share: multipart uploads, comps fed to the valuation directly (as the scoring pipeline
 * does from observations), a processing pass driven by the test, and counts of what an item left behind.
 */
abstract class PricingIntegrationTest extends IntegrationTest {

    @Autowired
    DealValuation valuation;

    @Autowired
    PricingWorker.PricingPass pass;

    @Autowired
    ObjectStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    /** A fresh eBay category id per test, so the in-memory comp pools of one test never price another's item. */
    static String category() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999_999));
    }

    /** The multipart form's parts: name to value, a byte[] value being a photo part. */
    static Api.Response upload(Api api, List<byte[]> photos, Map<String, String> fields) {
        String boundary = "----mercator" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < photos.size(); i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"photo"
                            + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(photos.get(i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/api/pricing/items", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** Comparable sales of "Sony WH-1000XM5" in {@code category}, used condition, around {@code center}. */
    List<String> feedComps(String category, String title, int count, double center) {
        ItemFacts facts = new ItemFacts(category, null, null, null, title, 3000, "USD");
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            double price = center - 20 + (40.0 * i / (count - 1));
            valuation.record(
                    facts, new Comp(id, price, now.minus(Duration.ofHours(i + 1)), Comp.Kind.VANISHED_QUICKLY));
            ids.add(id);
        }
        return ids;
    }

    int objectsOf(Tenant tenant) {
        return store.list("pricing/" + tenant.id() + "/").size();
    }

    int rowsOf(Tenant tenant) {
        return jdbc.sql("select count(*) from dealscout_pricing_items where merchant_id = :m")
                .param("m", UUID.fromString(tenant.id()))
                .query(Integer.class)
                .single();
    }

    JsonNode processed(Tenant tenant, String id) {
        pass.run();
        return tenant.api().get("/api/pricing/items/" + id).json();
    }
}
