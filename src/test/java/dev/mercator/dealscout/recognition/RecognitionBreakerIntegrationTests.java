package dev.mercator.dealscout.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.dealscout.recognition.ItemRecognition.Photo;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The recognition breaker against the vision simulator: failures in a row open it, an open breaker costs the provider
 * no request, and after its open period one trial call closes it again when the provider is back.
 */
@TestPropertySource(
        properties = {
            "mercator.dealscout.recognition.enabled=true",
            "mercator.dealscout.recognition.deadline=4s",
            "mercator.dealscout.recognition.attempts=1",
            "mercator.dealscout.recognition.requests-per-minute=6000",
            "mercator.dealscout.recognition.breaker-failures=3",
            "mercator.dealscout.recognition.breaker-open-for=2s",
        })
class RecognitionBreakerIntegrationTests extends IntegrationTest {

    private static final String SIM = "/sandbox/vision/sim";

    @Autowired
    ItemRecognition recognition;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restoreSimulator() {
        admin.delete("/api/admin/sandbox/vision/faults");
    }

    @Test
    void threeFailuresOpenTheBreakerWhichAsksNothingUntilATrialAfterItsOpenPeriodFindsTheProviderBack() {
        Photo photo = RecognitionIntegrationTests.photo();
        assertThat(api.post(
                                SIM + "/items",
                                Map.of(
                                        "sha256",
                                        RecognitionIntegrationTests.sha256(photo.bytes()),
                                        "title",
                                        "Leica M6"))
                        .status())
                .isEqualTo(201);
        long answered = requests();
        double errors = count("server_error");
        // Four errors armed (after the read: the simulator's faults answer its own control endpoints too); the
        // breaker opens after three, so the fourth is only spent once the breaker lets a trial through.
        admin.post("/api/admin/sandbox/vision/faults", Map.of("errorRate", 1.0, "times", 4));

        for (int i = 0; i < 3; i++) {
            assertThat(recognition.recognize(List.of(photo), null)).isEmpty();
        }
        assertThat(count("server_error")).isEqualTo(errors + 3);
        double open = count("circuit_open");

        assertThat(recognition.recognize(List.of(photo), null)).isEmpty();

        assertThat(count("circuit_open")).isEqualTo(open + 1);
        assertThat(count("server_error")).as("an open breaker sends nothing").isEqualTo(errors + 3);

        // After 2 s a trial is let through and meets the fourth error (open again); 2 s later the next trial is
        // answered and closes the breaker.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recognition.recognize(List.of(photo), null).isPresent());
        assertThat(count("server_error")).isEqualTo(errors + 4);
        assertThat(recognition.recognize(List.of(photo), null))
                .as("closed again")
                .isPresent();
        assertThat(requests()).isEqualTo(answered + 2);
    }

    private long requests() {
        return api.get(SIM + "/stats").json().path("requests").asLong();
    }

    private double count(String outcome) {
        var counter =
                meters.find(RecognitionMetrics.METER).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
