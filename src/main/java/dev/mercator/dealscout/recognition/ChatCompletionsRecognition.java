package dev.mercator.dealscout.recognition;

import dev.mercator.platform.ratelimit.SharedRateLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The live adapter behind {@link ItemRecognition}: {@code POST /v1/chat/completions} of an OpenAI-compatible API (its
 * simulator in sandbox mode). Each item is one call of at most {@code attempts} attempts within {@code deadline}: a
 * 429 waits for the provider's {@code retry-after} (or its {@code x-ratelimit-reset-requests}) when that still fits, a
 * 5xx or timeout backs off; a 400, 401 or 403 is our configuration's fault and not retried. Attempts first take a
 * token of Mercator's own pace ({@code requests-per-minute}) and ask a Resilience4j circuit breaker, so a dead
 * provider is not called for every item. Whatever happens, the caller gets a proposal or empty, the outcome counted as
 * {@code mercator.dealscout.recognition{outcome}} and failures logged without photos or key.
 */
final class ChatCompletionsRecognition implements ItemRecognition, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsRecognition.class);
    private static final String PATH = "/v1/chat/completions";
    private static final String BUCKET = "vision:requests";

    private final RestClient client;
    private final RecognitionSettings settings;
    private final String bearer;
    private final SharedRateLimiter pace;
    private final RecognitionMetrics metrics;
    private final CircuitBreaker breaker;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

    ChatCompletionsRecognition(
            RestClient client,
            RecognitionSettings settings,
            String apiKey,
            SharedRateLimiter pace,
            RecognitionMetrics metrics,
            CircuitBreaker breaker) {
        this.client = client;
        this.settings = settings;
        this.bearer = "Bearer " + apiKey;
        this.pace = pace;
        this.metrics = metrics;
        this.breaker = breaker;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<RecognizedItem> recognize(List<Photo> photos, @Nullable String hint) {
        List<Photo> sent = within(photos);
        if (sent.isEmpty()) {
            return finish("no_photos", "no photo within the limits", Optional.empty());
        }
        String body = ChatCompletionsWire.request(sent, hint, settings);
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        String last = "deadline";
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (!awaitPace(deadline)) {
                return finish("rate_limited", "Mercator's own pace leaves no room before the deadline", empty());
            }
            if (!breaker.tryAcquirePermission()) {
                return finish("circuit_open", "calls stopped after repeated failures", empty());
            }
            long started = System.nanoTime();
            Attempt outcome = attempt(body, deadline);
            long took = System.nanoTime() - started;
            switch (outcome) {
                case Attempt.Answered answered -> {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    return switch (answered.answer()) {
                        case ChatCompletionsWire.Answer.Proposed proposed ->
                            finish("proposed", "", Optional.of(proposed.item()));
                        case ChatCompletionsWire.Answer.NoProposal none ->
                            finish(none.outcome(), none.detail(), empty());
                    };
                }
                case Attempt.Refused refused -> {
                    // The provider answered: up, but our key or request is wrong. Retrying cannot help.
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    return finish(refused.outcome(), refused.detail(), empty());
                }
                case Attempt.Throttled throttled -> {
                    breaker.releasePermission();
                    last = "rate_limited";
                    Duration wait = throttled.retryAfter() != null ? throttled.retryAfter() : backoff(attempt);
                    if (attempt == settings.attempts() || !sleepWithin(wait, deadline)) {
                        return finish("rate_limited", "the provider's rate limit outlasts the deadline", empty());
                    }
                }
                case Attempt.Failed failed -> {
                    breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(failed.outcome()));
                    last = failed.outcome();
                    if (attempt == settings.attempts() || !sleepWithin(backoff(attempt), deadline)) {
                        return finish(failed.outcome(), failed.detail(), empty());
                    }
                }
            }
        }
        return finish(last, "attempts spent", empty());
    }

    /** The photos sent: the first ones in upload order, up to the count and total size allowed. */
    List<Photo> within(List<Photo> photos) {
        List<Photo> sent = new ArrayList<>();
        long bytes = 0;
        for (Photo photo : photos) {
            if (sent.size() == settings.maxPhotos()) {
                break;
            }
            if (photo.bytes().length == 0 || bytes + photo.bytes().length > settings.maxTotalBytes()) {
                continue;
            }
            bytes += photo.bytes().length;
            sent.add(photo);
        }
        return sent;
    }

    /** One attempt, cut off at the deadline (the read timeout bounds it too). */
    private Attempt attempt(String body, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return new Attempt.Failed("timeout", "the deadline passed");
        }
        Future<Attempt> call = attempts.submit(() -> exchange(body));
        try {
            return call.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            call.cancel(true);
            return new Attempt.Failed("timeout", "no answer within the deadline");
        } catch (InterruptedException interrupted) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt.Failed("timeout", "interrupted");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof ResourceAccessException) {
                return new Attempt.Failed(
                        "timeout", "no answer: " + cause.getClass().getSimpleName());
            }
            return new Attempt.Failed(
                    "error",
                    "unexpected "
                            + (cause == null ? "failure" : cause.getClass().getSimpleName()));
        }
    }

    private Attempt exchange(String body) {
        return client.post()
                .uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    return classify(status, response.getHeaders(), text);
                });
    }

    static Attempt classify(int status, HttpHeaders headers, String body) {
        if (status == 200) {
            return new Attempt.Answered(ChatCompletionsWire.answer(body));
        }
        String error = ChatCompletionsWire.errorOf(body);
        return switch (status) {
            case 429 -> new Attempt.Throttled(RetryAfter.of(headers));
            case 401 -> new Attempt.Refused("unauthorized", "the API key was refused (" + error + ")");
            case 403 -> new Attempt.Refused("forbidden", "the key may not use this model or region (" + error + ")");
            case 400, 404, 413, 422 -> new Attempt.Refused("rejected", "HTTP " + status + " (" + error + ")");
            default -> new Attempt.Failed("server_error", "HTTP " + status + " (" + error + ")");
        };
    }

    /** What one attempt came to. */
    sealed interface Attempt {
        record Answered(ChatCompletionsWire.Answer answer) implements Attempt {}

        record Refused(String outcome, String detail) implements Attempt {}

        record Throttled(@Nullable Duration retryAfter) implements Attempt {}

        record Failed(String outcome, String detail) implements Attempt {}
    }

    /** Takes a token of Mercator's own pace, waiting for one while the deadline allows. */
    private boolean awaitPace(long deadline) {
        double perSecond = settings.requestsPerMinute() / 60.0;
        int burst = Math.max(1, Math.min(settings.requestsPerMinute(), 5));
        while (true) {
            Duration wait = pace.tryAcquire(BUCKET, perSecond, burst);
            if (wait.isZero()) {
                return true;
            }
            if (!sleepWithin(wait, deadline)) {
                return false;
            }
        }
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(8_000, 500L << Math.min(attempt, 4));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    /** Sleeps {@code wait} unless that would pass the deadline; false then (or when interrupted). */
    private static boolean sleepWithin(Duration wait, long deadline) {
        if (System.nanoTime() + wait.toNanos() >= deadline) {
            return false;
        }
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<RecognizedItem> finish(String outcome, String detail, Optional<RecognizedItem> result) {
        metrics.count(outcome);
        if (result.isEmpty() && RecognitionMetrics.FAILURES.contains(outcome)) {
            // Never the photos, the note or the key: the outcome and the provider's error type and code.
            log.warn("Item recognition failed ({}): {}", outcome, detail);
        } else {
            log.debug("Item recognition: {} {}", outcome, detail);
        }
        return result;
    }

    private static Optional<RecognizedItem> empty() {
        return Optional.empty();
    }

    @Override
    public void destroy() {
        attempts.shutdownNow();
    }
}
