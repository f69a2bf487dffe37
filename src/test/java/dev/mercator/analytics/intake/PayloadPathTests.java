package dev.mercator.analytics.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The validator's JSON pointers as paths from the event, like the envelope's reasons. */
class PayloadPathTests {

    @Test
    void aPointerIntoThePayloadBecomesAPathFromTheEvent() {
        assertThat(EventIntake.payloadPath("/lines/0/unitPrice")).isEqualTo("$.payload.lines[0].unitPrice");
        assertThat(EventIntake.payloadPath("")).isEqualTo("$.payload");
        assertThat(EventIntake.payloadPath("/a~1b/c~0d")).isEqualTo("$.payload.a/b.c~d");
    }
}
