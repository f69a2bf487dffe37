package dev.mercator.dealscout.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.recognition.ItemRecognition.Photo;
import dev.mercator.dealscout.recognition.ItemRecognition.RecognizedItem;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chat-completions adapter against the vision simulator over real HTTP, in sandbox mode: what it proposes, what it
 * sends, and that every failure ends empty and counted.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "mercator.dealscout.recognition.enabled=true",
            "mercator.dealscout.recognition.deadline=4s",
            "mercator.dealscout.recognition.attempts=3",
            "mercator.dealscout.recognition.requests-per-minute=6000",
            "mercator.dealscout.recognition.breaker-failures=50",
            "mercator.outbound.providers.vision.read-timeout=1s",
        })
class RecognitionIntegrationTests extends IntegrationTest {

    private static final String SIM = "/sandbox/vision/sim";

    @Autowired
    ItemRecognition recognition;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restoreSimulator() {
        admin.delete("/api/admin/sandbox/vision/faults");
        api.post(SIM + "/keys", Map.of("key", VisionProviderSettings.SANDBOX_KEY, "requestsPerMinute", 500));
    }

    @Test
    void aKnownPhotoIsProposedWithItsConditionAsAnEbayIdAndTheRequestFollowsTheSchemaTheSimulatorEnforces() {
        Photo photo = photo();
        register(
                photo,
                Map.of(
                        "title", "Canon AE-1 Program 35mm film camera",
                        "brand", "Canon",
                        "model", "AE-1 Program",
                        "gtin", "4960999213209",
                        "condition", "used",
                        "confidence", 0.87));
        double before = count("proposed");

        Optional<RecognizedItem> item = recognition.recognize(List.of(photo), "old camera from the attic");

        assertThat(recognition.enabled()).isTrue();
        assertThat(item)
                .contains(new RecognizedItem(
                        "Canon AE-1 Program 35mm film camera", "Canon", "AE-1 Program", "4960999213209", "3000", 0.87));
        assertThat(count("proposed")).isEqualTo(before + 1);
        JsonNode sent = stats().path("lastRequest");
        assertThat(sent.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("strictSchema").asBoolean()).isTrue();
        assertThat(sent.path("maxTokens").asInt()).isEqualTo(400);
        assertThat(sent.path("imageHashes").get(0).asString()).isEqualTo(sha256(photo.bytes()));
        assertThat(sent.path("schema")).isEqualTo(ChatCompletionsWire.schema());
    }

    @Test
    void onlyTheFirstPhotosWithinTheCountAndSizeLimitsAreSent() {
        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            photos.add(photo());
        }
        photos.add(1, new Photo("image/jpeg", new byte[9_000_000]));

        recognition.recognize(photos, null);

        JsonNode hashes = stats().path("lastRequest").path("imageHashes");
        assertThat(hashes).hasSize(4);
        for (int i = 0; i < 4; i++) {
            // The oversized photo is skipped, the rest keep their upload order.
            assertThat(hashes.get(i).asString())
                    .isEqualTo(sha256(photos.get(i < 1 ? 0 : i + 1).bytes()));
        }
    }

    @Test
    void anUnknownPhotoGetsNoProposal() {
        double before = count("unrecognized");

        assertThat(recognition.recognize(List.of(photo()), null)).isEmpty();

        assertThat(count("unrecognized")).isEqualTo(before + 1);
    }

    @Test
    void aRefusalATruncatedAFilteredAndAMalformedAnswerEachEndEmptyAndCounted() {
        for (String behaviour : List.of("refuse", "truncate", "filter", "malformed")) {
            Photo photo = photo();
            register(photo, Map.of("title", "Anything", "behaviour", behaviour));
            String outcome = switch (behaviour) {
                case "refuse" -> "refused";
                case "truncate" -> "truncated";
                case "filter" -> "filtered";
                default -> "malformed";
            };
            double before = count(outcome);
            long requests = stats().path("requests").asLong();

            assertThat(recognition.recognize(List.of(photo), null))
                    .as(behaviour)
                    .isEmpty();

            assertThat(count(outcome)).as(behaviour).isEqualTo(before + 1);
            // An answer, however useless, is not retried.
            assertThat(stats().path("requests").asLong()).as(behaviour).isEqualTo(requests + 1);
        }
    }

    @Test
    void aThrottleThatLiftsWithinTheDeadlineIsWaitedOutAndRetried() {
        Photo photo = photo();
        register(photo, Map.of("title", "Nikon FM2", "brand", "Nikon"));
        admin.post("/api/admin/sandbox/vision/faults", Map.of("throttleRate", 1.0, "retryAfterSeconds", 1, "times", 1));

        Optional<RecognizedItem> item = recognition.recognize(List.of(photo), null);

        assertThat(item).map(RecognizedItem::title).contains("Nikon FM2");
        // The one throttled answer was spent: the fault is gone.
        assertThat(admin.get("/api/admin/sandbox/vision/faults")
                        .json()
                        .path("throttleRate")
                        .asDouble())
                .isZero();
    }

    @Test
    void aRateLimitThatOutlastsTheDeadlineEndsEmptyWithoutWaiting(CapturedOutput output) {
        api.post(SIM + "/keys", Map.of("key", VisionProviderSettings.SANDBOX_KEY, "requestsPerMinute", 1));
        Photo photo = photo();
        register(photo, Map.of("title", "Leica M6"));
        assertThat(recognition.recognize(List.of(photo), null)).isPresent();
        long throttled = stats().path("throttled").asLong();
        double before = count("rate_limited");

        assertThat(recognition.recognize(List.of(photo), null)).isEmpty();

        assertThat(count("rate_limited")).isEqualTo(before + 1);
        // The 429 asked for a minute, past the 4 s deadline: asked once, not again.
        assertThat(stats().path("throttled").asLong()).isEqualTo(throttled + 1);
        assertThat(output.getAll()).contains("Item recognition failed (rate_limited)");
    }

    @Test
    void aServerErrorIsRetriedAndABadRequestIsNot() {
        Photo photo = photo();
        register(photo, Map.of("title", "Olympus OM-1"));
        admin.post("/api/admin/sandbox/vision/faults", Map.of("errorRate", 1.0, "times", 1));

        assertThat(recognition.recognize(List.of(photo), null)).isPresent();

        admin.post("/api/admin/sandbox/vision/faults", Map.of("badRequestRate", 1.0, "times", 1));
        double before = count("rejected");

        assertThat(recognition.recognize(List.of(photo), null)).isEmpty();

        // Only one answer was a 400: a retry would have got the proposal.
        assertThat(count("rejected")).isEqualTo(before + 1);
    }

    @Test
    void aRefusedKeyEndsEmptyAtOnceAndIsNeverLogged(CapturedOutput output) {
        Photo photo = photo();
        register(photo, Map.of("title", "Pentax K1000"));
        api.delete(SIM + "/keys/" + VisionProviderSettings.SANDBOX_KEY);
        long rejected = stats().path("rejected").asLong();
        double before = count("unauthorized");

        assertThat(recognition.recognize(List.of(photo), null)).isEmpty();

        assertThat(count("unauthorized")).isEqualTo(before + 1);
        assertThat(stats().path("rejected").asLong()).isEqualTo(rejected + 1);
        assertThat(output.getAll())
                .contains("Item recognition failed (unauthorized)")
                // (The key itself shows in the log of this test's own DELETE to the simulator, not as a bearer.)
                .doesNotContain("Bearer " + VisionProviderSettings.SANDBOX_KEY)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(photo.bytes()));
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeEndsEmptyWithinTheDeadline() {
        Photo photo = photo();
        register(photo, Map.of("title", "Minolta X-700"));
        admin.post("/api/admin/sandbox/vision/faults", Map.of("latencyMs", 2500));
        double before = count("timeout");
        long started = System.nanoTime();

        assertThat(recognition.recognize(List.of(photo), null)).isEmpty();

        assertThat(count("timeout")).isEqualTo(before + 1);
        // The deadline is 4 s; an attempt under way is cut there, not at the end of the simulator's delay.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_500);
        // The attempts the client gave up on still reach the simulator's counter after the injected delay; let them
        // land here, so that the next test's request count is its own.
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
        org.awaitility.Awaitility.await()
                .during(java.time.Duration.ofSeconds(3))
                .atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> {
                    long now = stats().path("requests").asLong();
                    return seen.getAndSet(now) == now;
                });
    }

    @Test
    void noPhotosMeansNoCall() {
        long requests = stats().path("requests").asLong();

        assertThat(recognition.recognize(List.of(), "a hint alone")).isEmpty();

        assertThat(stats().path("requests").asLong()).isEqualTo(requests);
    }

    private void register(Photo photo, Map<String, Object> item) {
        Map<String, Object> body = new HashMap<>(item);
        body.put("sha256", sha256(photo.bytes()));
        assertThat(api.post(SIM + "/items", body).status()).isEqualTo(201);
    }

    private JsonNode stats() {
        return api.get(SIM + "/stats").json();
    }

    private double count(String outcome) {
        return meters.get(RecognitionMetrics.METER)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    static Photo photo() {
        byte[] bytes = new byte[2048];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        return new Photo("image/jpeg", bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
