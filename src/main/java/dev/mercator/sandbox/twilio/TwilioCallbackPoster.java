package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.ConditionalOnSandbox;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts Twilio's requests to the customer's server (status callbacks, inbound messages) as Twilio does: a form body,
 * signed in {@code X-Twilio-Signature} with the account's auth token over the exact URL and the sorted parameters,
 * one attempt, no redirects.
 */
@Component
@ConditionalOnSandbox
class TwilioCallbackPoster {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallbackPoster.class);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name("twilio-sim-callbacks-", 0).daemon(true).factory());
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final TwilioSimulatorSettings settings;

    TwilioCallbackPoster(TwilioSimulatorSettings settings) {
        this.settings = settings;
    }

    void later(Duration delay, Runnable task) {
        var unused = scheduler.schedule(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException failed) {
                        log.warn("Simulated Twilio callback step failed", failed);
                    }
                },
                Math.max(0, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Posts now and returns the status the server answered, or -1 when it could not be reached. */
    int post(String authToken, String url, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(settings.callbackTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .header("X-Twilio-Signature", sign(authToken, url, params))
                    .header("User-Agent", "TwilioProxy/1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | IllegalArgumentException failed) {
            log.info(
                    "Simulated Twilio could not deliver a callback: {}",
                    failed.getClass().getSimpleName());
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", missing);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        http.shutdownNow();
    }
}
