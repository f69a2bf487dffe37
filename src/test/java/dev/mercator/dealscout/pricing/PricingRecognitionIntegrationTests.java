package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The seller flow with item recognition on: the real chat-completions client against the vision simulator over HTTP.
 * The simulator is told what the stripped photo shows; the flow must send it the stripped photo (never the upload with
 * its EXIF), use the proposal only for what the merchant left out, and mark it for confirmation.
 */
@TestPropertySource(
        properties = {
            "mercator.dealscout.recognition.enabled=true",
            "mercator.dealscout.recognition.requests-per-minute=6000",
        })
class PricingRecognitionIntegrationTests extends PricingIntegrationTest {

    private static final String SIM = "/sandbox/vision/sim";

    @Test
    void aProposalFillsWhatTheMerchantLeftOutAndIsMarkedForConfirmation() {
        Tenant tenant = newMerchant("Seller proposal");
        String category = category();
        feedComps(category, "Apple iPad A-2602 tablet", 15, 300);
        byte[] upload = TestImages.jpegWithExif(32, 32, 6);

        String id = upload(tenant.api(), List.of(upload), fields("categoryId", category))
                .json()
                .get("id")
                .asString();
        byte[] stored =
                tenant.api().get("/api/pricing/items/" + id + "/photos/1").raw();
        assertThat(api.post(
                                SIM + "/items",
                                Map.of(
                                        "sha256", sha256(stored),
                                        "title", "Apple iPad A-2602 tablet",
                                        "brand", "Apple",
                                        "condition", "used",
                                        "confidence", 0.8))
                        .status())
                .isEqualTo(201);

        JsonNode item = processed(tenant, id);

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("priced");
        assertThat(item.get("answer").get("basis").asString()).isEqualTo("proposed, confirm");
        assertThat(item.get("proposal").get("title").asString()).isEqualTo("Apple iPad A-2602 tablet");
        assertThat(item.get("inputs").get("title").isNull())
                .as("a proposal is not the merchant's input")
                .isTrue();
        JsonNode sent = api.get(SIM + "/stats").json().path("lastRequest").path("imageHashes");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).asString())
                .as("the provider gets the stripped photo as stored")
                .isEqualTo(sha256(stored))
                .isNotEqualTo(sha256(upload));

        tenant.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/json",
                        "{\"title\": \"Apple iPad A-2602 tablet\", \"conditionId\": \"3000\"}"
                                .getBytes(StandardCharsets.UTF_8));
        JsonNode confirmed = processed(tenant, id);
        assertThat(confirmed.get("answer").get("basis").asString()).isEqualTo("merchant");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
