package dev.mercator.dealscout.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Recognition as shipped: off, and a bean all the same, which never calls the provider. */
class RecognitionDisabledIntegrationTests extends IntegrationTest {

    @Autowired
    ItemRecognition recognition;

    @Test
    void offByDefaultItAnswersEmptyWithoutAnyCall() {
        long requests =
                api.get("/sandbox/vision/sim/stats").json().path("requests").asLong();

        assertThat(recognition.enabled()).isFalse();
        assertThat(recognition.recognize(List.of(RecognitionIntegrationTests.photo()), "a camera"))
                .isEmpty();

        assertThat(api.get("/sandbox/vision/sim/stats").json().path("requests").asLong())
                .isEqualTo(requests);
    }
}
