package dev.mercator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

class OutboundOutcomeTests {

    @Test
    void statusesMapToOutcomes() {
        assertThat(OutboundOutcome.of(200)).isEqualTo(OutboundOutcome.SUCCESS);
        assertThat(OutboundOutcome.of(204)).isEqualTo(OutboundOutcome.SUCCESS);
        assertThat(OutboundOutcome.of(304)).isEqualTo(OutboundOutcome.SUCCESS);
        assertThat(OutboundOutcome.of(400)).isEqualTo(OutboundOutcome.CLIENT_ERROR);
        assertThat(OutboundOutcome.of(401)).isEqualTo(OutboundOutcome.CLIENT_ERROR);
        assertThat(OutboundOutcome.of(428)).isEqualTo(OutboundOutcome.CLIENT_ERROR);
        assertThat(OutboundOutcome.of(429)).isEqualTo(OutboundOutcome.THROTTLED);
        assertThat(OutboundOutcome.of(500)).isEqualTo(OutboundOutcome.SERVER_ERROR);
        assertThat(OutboundOutcome.of(503)).isEqualTo(OutboundOutcome.SERVER_ERROR);
    }

    @Test
    void timeoutsAreTimeoutsWhereverTheyAreInTheCauseChain() {
        assertThat(OutboundOutcome.of(new HttpTimeoutException("read"))).isEqualTo(OutboundOutcome.TIMEOUT);
        assertThat(OutboundOutcome.of(new HttpConnectTimeoutException("connect")))
                .isEqualTo(OutboundOutcome.TIMEOUT);
        assertThat(OutboundOutcome.of(new SocketTimeoutException())).isEqualTo(OutboundOutcome.TIMEOUT);
        assertThat(OutboundOutcome.of(new ResourceAccessException("wrapped", new HttpTimeoutException("read"))))
                .isEqualTo(OutboundOutcome.TIMEOUT);
    }

    @Test
    void otherIoFailuresAreIoErrors() {
        assertThat(OutboundOutcome.of(new ConnectException("refused"))).isEqualTo(OutboundOutcome.IO_ERROR);
        assertThat(OutboundOutcome.of(new ResourceAccessException("wrapped", new IOException("reset"))))
                .isEqualTo(OutboundOutcome.IO_ERROR);
    }

    @Test
    void tagsAreTheOnesDashboardsRead() {
        assertThat(OutboundOutcome.values())
                .extracting(OutboundOutcome::tag)
                .containsExactly("success", "client_error", "throttled", "server_error", "timeout", "io_error");
    }

    @Test
    void failuresAreDescribedShortly() {
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, "12");
        OutboundFailure throttled = OutboundFailure.of(
                HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", retry, null, null));

        assertThat(throttled.reason()).isEqualTo("throttled");
        assertThat(throttled.retryAfter()).isEqualTo("12");
        assertThat(OutboundFailure.of(HttpServerErrorException.create(
                                HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", new HttpHeaders(), null, null))
                        .reason())
                .isEqualTo("HTTP 503");
        assertThat(OutboundFailure.of(new ResourceAccessException("x", new HttpTimeoutException("read")))
                        .reason())
                .isEqualTo("timeout");
        assertThat(OutboundFailure.of(new ResourceAccessException("x", new ConnectException("refused")))
                        .reason())
                .isEqualTo("unreachable (ConnectException)");
    }
}
