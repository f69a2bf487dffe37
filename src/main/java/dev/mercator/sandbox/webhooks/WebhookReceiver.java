package dev.mercator.sandbox.webhooks;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's webhook endpoint, simulated: {@code POST /sandbox/webhook-receiver/{bin}} records the request (headers,
 * body, time) and answers 200, or what is armed on the bin: a status (500, 429 with {@code Retry-After}, 410) for the
 * next requests, or a stall past the client's read timeout. Given the bin's secret ({@code PUT .../{bin}/secret}), it
 * verifies the Standard Webhooks signature as a strict consumer would and answers 401 when it fails. {@code GET
 * .../{bin}/requests} reads what was recorded; {@code DELETE .../{bin}} resets the bin and releases stalled requests.
 * The foundation's fault injection applies too, under the name {@code webhook-receiver}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + WebhookReceiver.NAME)
class WebhookReceiver implements SimulatedProvider {

    static final String NAME = "webhook-receiver";
    private static final Pattern BIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ReceiverBins bins;
    private final Clock clock = Clock.systemUTC();

    WebhookReceiver(ReceiverBins bins) {
        this.bins = bins;
    }

    @PostMapping("/{bin}")
    ResponseEntity<String> receive(
            @PathVariable String bin, @RequestBody(required = false) byte @Nullable [] body, HttpServletRequest request)
            throws InterruptedException {
        if (!BIN.matcher(bin).matches()) {
            return ResponseEntity.notFound().build();
        }
        byte[] payload = body == null ? new byte[0] : body;
        ReceiverBins.Bin target = bins.bin(bin);
        String signature = "unchecked";
        StandardWebhooksVerifier verifier = target.verifier();
        if (verifier != null) {
            String problem = verifier.problem(
                    request.getHeader("webhook-id"),
                    request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"),
                    payload,
                    clock.instant());
            signature = problem == null ? "valid" : "invalid: " + problem;
        }
        ReceiverBins.Fault fault = target.take();
        ResponseEntity<String> answer;
        if (signature.startsWith("invalid")) {
            answer = ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(signature);
        } else if (fault != null && fault.stall() == null) {
            var builder = ResponseEntity.status(fault.status());
            if (fault.retryAfterSeconds() != null) {
                builder.header(HttpHeaders.RETRY_AFTER, Long.toString(fault.retryAfterSeconds()));
            }
            answer = builder.body("sandbox answered " + fault.status());
        } else {
            answer = ResponseEntity.ok("ok");
        }
        target.record(new ReceiverBins.Recorded(
                clock.instant(),
                headers(request),
                new String(payload, StandardCharsets.UTF_8),
                signature,
                answer.getStatusCode().value()));
        if (fault != null && fault.stall() != null) {
            target.stall(fault.stall());
        }
        return answer;
    }

    @GetMapping(path = "/{bin}/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReceiverBins.Recorded> requests(@PathVariable String bin) {
        return bins.bin(bin).requests();
    }

    /** The bin's signing secret ({@code whsec_} and base64), to verify what arrives. */
    record Secret(@Nullable String signingSecret) {}

    @PutMapping(path = "/{bin}/secret", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> secret(@PathVariable String bin, @RequestBody Secret secret) {
        try {
            bins.bin(bin).verifyWith(new StandardWebhooksVerifier(String.valueOf(secret.signingSecret())));
        } catch (IllegalArgumentException notBase64) {
            return ResponseEntity.badRequest().body("signingSecret must be whsec_ followed by base64");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * What to answer for the next {@code count} requests: {@code status} (with {@code retryAfterSeconds} as {@code
     * Retry-After}), or, with {@code stallSeconds}, a 200 held back that long.
     */
    record FaultRequest(
            int count,
            @Nullable Integer status,
            @Nullable Long retryAfterSeconds,
            @Nullable Double stallSeconds) {}

    @PostMapping(path = "/{bin}/faults", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> arm(@PathVariable String bin, @RequestBody FaultRequest fault) {
        if (fault.count() < 1) {
            return ResponseEntity.badRequest().body("count must be at least 1");
        }
        Double stall = fault.stallSeconds();
        if (stall != null) {
            if (!(stall > 0) || stall > 600) {
                return ResponseEntity.badRequest().body("stallSeconds must be between 0 and 600");
            }
            bins.bin(bin)
                    .arm(new ReceiverBins.Fault(200, null, Duration.ofMillis(Math.round(stall * 1000)), fault.count()));
            return ResponseEntity.noContent().build();
        }
        Integer status = fault.status();
        if (status == null || status < 300 || status > 599) {
            return ResponseEntity.badRequest().body("status must be a 3xx, 4xx or 5xx, or stallSeconds given");
        }
        bins.bin(bin).arm(new ReceiverBins.Fault(status, fault.retryAfterSeconds(), null, fault.count()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{bin}")
    ResponseEntity<Void> reset(@PathVariable String bin) {
        bins.bin(bin).reset();
        return ResponseEntity.noContent().build();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.TEXT_PLAIN)
                .body("Too Many Requests");
    }

    @Override
    public ResponseEntity<String> badRequest() {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("Bad Request");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(status.getReasonPhrase());
    }
}
