package dev.mercator.dealscout.scan;

import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.MerchantId;
import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * eBay Marketplace Account Deletion end to end (dealscout.ebay): a scan stores observations of the living market's
 * sellers, the eBay simulator signs and POSTs a real notification, that seller's observations go for every merchant and
 * nobody else's, a replay of the notification does nothing more, a forged one is refused with 412, an unreachable key
 * service gets 503, and the challenge is answered as eBay specifies. Here, in the scan package's tests, because a scan
 * run is driven through the package-private {@link ScanRunner}.
 */
@TestPropertySource(
        properties = {
            "mercator.dealscout.ebay-deletion.verification-token=" + EbayAccountDeletionIntegrationTests.TOKEN,
            "mercator.dealscout.ebay-deletion.endpoint-url=" + EbayAccountDeletionIntegrationTests.URL,
            // Every notification fetches the key, so a key-service outage is seen by the next one.
            "mercator.dealscout.ebay-deletion.public-key-ttl=0s"
        })
class EbayAccountDeletionIntegrationTests extends IntegrationTest {

    static final String TOKEN = "test-verification-token-0123456789abcdef-0123";
    static final String URL = "https://mercator.example/webhook/ebay/account-deletion";
    /** The eBay app Mercator scans with in sandbox mode; its market exists only while a test runs. */
    static final String APP = "Mercator-Sandbox-PRD-a1b2c3d4";

    static final String MARKET = "/sandbox/ebay/_sim/markets/" + APP;

    @Autowired
    Scans scans;

    @Autowired
    ScanRunner runner;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void market() {
        Api.Response created = api.put(
                MARKET,
                Map.of(
                        "seed",
                        99,
                        "listingsPerProductPerDay",
                        40,
                        "products",
                        List.of(Map.of(
                                "title", "Acme Zephyr Headphones",
                                "brand", "Acme",
                                "model", "ZX-1",
                                "categoryId", "112529",
                                "trueValue", 200))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @AfterEach
    void noMarket() {
        api.delete(MARKET);
        clearFaults(admin, "ebay");
    }

    @Test
    void aSignedNotificationErasesThatSellersObservationsOnceAndAForgedOneIsRefused() {
        Tenant first = newMerchant("Zephyr Hunter");
        Tenant second = newMerchant("Zephyr Reseller");
        runner.run(newScan(first));
        runner.run(newScan(second));
        String seller = jdbc.sql("select seller_username from dealscout_observations where merchant_id = :m"
                        + " and seller_username is not null group by seller_username order by count(*) desc")
                .param("m", UUID.fromString(first.id()))
                .query(String.class)
                .list()
                .getFirst();
        long others = countOthers(seller);
        assertThat(countOf(seller)).isPositive();
        assertThat(others).isPositive();

        JsonNode forged = send(seller, null, true);
        assertThat(forged.path("status").asInt()).isEqualTo(412);
        assertThat(forged.path("body").asString()).contains("precondition-failed");
        assertThat(countOf(seller)).isPositive();

        JsonNode sent = send(seller, null, false);
        assertThat(sent.path("status").asInt()).as(sent.toString()).isEqualTo(204);
        String notification = sent.path("notificationId").asString();

        assertThat(Eventually.holds(Duration.ofSeconds(20), Duration.ofMillis(50), () -> countOf(seller) == 0))
                .isTrue();
        assertThat(countOthers(seller)).isEqualTo(others);
        assertThat(Eventually.holds(Duration.ofSeconds(20), Duration.ofMillis(50), () -> erasedAt(notification)))
                .isTrue();
        Map<String, Object> row = jdbc.sql("select * from dealscout_ebay_account_deletions where notification_id = :id")
                .param("id", notification)
                .query()
                .singleRow();
        // Hashes only: the raw username and user id are nowhere in the record.
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(seller));
        assertThat(row.get("username_hash")).isEqualTo(sha256(seller));

        // The seller's listings are still on the market: a new scan sees them again, and the replayed notification
        // must not erase them a second time.
        runner.run(newScan(first));
        long seenAgain = countOf(seller);
        assertThat(seenAgain).isPositive();
        JsonNode replay = send(seller, notification, false);
        assertThat(replay.path("status").asInt()).isEqualTo(204);
        // A fresh notification for someone else, carried out, marks that the listener has had its chance.
        JsonNode marker = send("nobody-" + UUID.randomUUID(), null, false);
        String markerId = marker.path("notificationId").asString();
        assertThat(Eventually.holds(Duration.ofSeconds(20), Duration.ofMillis(50), () -> erasedAt(markerId)))
                .isTrue();
        assertThat(countOf(seller)).isEqualTo(seenAgain);
        assertThat(jdbc.sql("select count(*) from dealscout_ebay_account_deletions where username_hash = :h")
                        .param("h", sha256(seller))
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aNotificationWhoseKeyCannotBeFetchedGets503AndNothingIsRecorded() {
        faults(admin, "ebay", Map.of("errorRate", 1.0, "times", 1));
        String user = "unreachable-" + UUID.randomUUID();

        JsonNode sent = send(user, null, false);

        assertThat(sent.path("status").asInt()).as(sent.toString()).isEqualTo(503);
        assertThat(jdbc.sql("select count(*) from dealscout_ebay_account_deletions where username_hash = :h")
                        .param("h", sha256(user))
                        .query(Long.class)
                        .single())
                .isZero();
        // eBay retries; by then the key service is back.
        assertThat(send(user, sent.path("notificationId").asString(), false)
                        .path("status")
                        .asInt())
                .isEqualTo(204);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theChallengeIsAnsweredAsEbaySpecifiesAndTheTokenIsNeverLogged(CapturedOutput output) throws Exception {
        Api.Response answer = api.get("/webhook/ebay/account-deletion?challenge_code=a8628072-3d33-45ee-9004");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("challengeResponse").asString())
                .isEqualTo(sha256("a8628072-3d33-45ee-9004" + TOKEN + URL));
        assertThat(api.get("/webhook/ebay/account-deletion").status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    private Scan newScan(Tenant tenant) {
        JsonNode created = tenant.api()
                .post(
                        "/api/deals/scans",
                        Map.of(
                                "keywords",
                                "zephyr",
                                "conditionIds",
                                List.of("1000", "1500", "2500", "3000"),
                                "maxPrice",
                                5000))
                .json();
        return scans.find(
                        MerchantId.of(tenant.id()),
                        UUID.fromString(created.path("id").asString()))
                .orElseThrow();
    }

    private JsonNode send(String username, String notificationId, boolean forged) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "userId", "u-" + username));
        body.put("forged", forged);
        if (notificationId != null) {
            body.put("notificationId", notificationId);
        }
        Api.Response sent = api.post("/sandbox/ebay/_sim/notifications/account-deletion", body);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent.json();
    }

    private long countOf(String seller) {
        return jdbc.sql(
                        "select count(*) from dealscout_observations where marketplace = 'ebay' and seller_username = :s")
                .param("s", seller)
                .query(Long.class)
                .single();
    }

    private long countOthers(String seller) {
        return jdbc.sql("select count(*) from dealscout_observations where marketplace = 'ebay'"
                        + " and seller_username <> :s")
                .param("s", seller)
                .query(Long.class)
                .single();
    }

    private boolean erasedAt(String notification) {
        return jdbc.sql("select count(*) from dealscout_ebay_account_deletions where notification_id = :id"
                                + " and erased_at is not null")
                        .param("id", notification)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private static String sha256(String value) throws RuntimeException {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
