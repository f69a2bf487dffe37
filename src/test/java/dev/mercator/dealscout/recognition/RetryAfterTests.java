package dev.mercator.dealscout.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RetryAfterTests {

    @Test
    void openAisResetHeadersAreGoDurations() {
        assertThat(RetryAfter.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RetryAfter.goDuration("1m30.5s")).isEqualTo(Duration.ofMillis(90_500));
        assertThat(RetryAfter.goDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryAfter.goDuration("soon")).isNull();
        assertThat(RetryAfter.goDuration("1s later")).isNull();
    }

    @Test
    void milliSecondsWinOverSecondsWhichWinOverTheResetTime() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("x-ratelimit-reset-requests", "20s");
        assertThat(RetryAfter.of(headers)).isEqualTo(Duration.ofSeconds(20));
        headers.add("retry-after", "3");
        assertThat(RetryAfter.of(headers)).isEqualTo(Duration.ofSeconds(3));
        headers.add("retry-after-ms", "1500");
        assertThat(RetryAfter.of(headers)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.of(new HttpHeaders())).isNull();
    }
}
