package dev.mercator.dealscout.recognition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Item recognition for the seller flow (ADR 32). Off by default: photos leave this machine only once a merchant's
 * operator turns this on and points {@code mercator.providers.vision} at a live provider.
 *
 * @param enabled whether recognition is used at all; off, {@link ItemRecognition#recognize} answers empty without a
 *     call
 * @param model the model to ask, e.g. {@code gpt-4o-mini}; it must accept images and structured outputs
 * @param maxPhotos the most photos sent per item (the first ones, in upload order); the rest are left out
 * @param maxTotalBytes the most photo bytes sent per item, before base64; photos that would exceed it are left out
 *     (photos are not downscaled here)
 * @param maxTokens {@code max_completion_tokens}: the answer is a small JSON object, so a low bound caps the cost
 * @param detail the image {@code detail} sent: {@code low}, {@code high} or {@code auto}
 * @param deadline the whole call, retries and waits included; past it the item waits for the merchant's input
 * @param attempts the most attempts per item (a 429, a 5xx or a timeout is retried while the deadline allows)
 * @param requestsPerMinute Mercator's own pace towards the provider, shared by all instances on one database
 * @param breakerFailures failed attempts in a row after which calls stop for {@code breakerOpenFor}
 * @param breakerOpenFor how long calls stop after {@code breakerFailures}
 */
@ConfigurationProperties("mercator.dealscout.recognition")
record RecognitionSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("gpt-4o-mini") String model,
        @DefaultValue("4") int maxPhotos,
        @DefaultValue("8000000") long maxTotalBytes,
        @DefaultValue("400") int maxTokens,
        @DefaultValue("low") String detail,
        @DefaultValue("60s") Duration deadline,
        @DefaultValue("3") int attempts,
        @DefaultValue("60") int requestsPerMinute,
        @DefaultValue("5") int breakerFailures,
        @DefaultValue("60s") Duration breakerOpenFor) {

    RecognitionSettings {
        String prefix = "mercator.dealscout.recognition.";
        if (model.isBlank()) {
            throw new IllegalArgumentException(prefix + "model must be set");
        }
        if (maxPhotos < 1 || maxPhotos > 20) {
            throw new IllegalArgumentException(prefix + "max-photos must be between 1 and 20");
        }
        if (maxTotalBytes < 1) {
            throw new IllegalArgumentException(prefix + "max-total-bytes must be positive");
        }
        if (maxTokens < 16) {
            throw new IllegalArgumentException(prefix + "max-tokens must be at least 16");
        }
        if (!detail.equals("low") && !detail.equals("high") && !detail.equals("auto")) {
            throw new IllegalArgumentException(prefix + "detail must be low, high or auto");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(prefix + "deadline must be a positive duration");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException(prefix + "attempts must be between 1 and 10");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException(prefix + "requests-per-minute must be at least 1");
        }
        if (breakerFailures < 1 || breakerOpenFor.isNegative() || breakerOpenFor.isZero()) {
            throw new IllegalArgumentException(
                    prefix + "breaker-failures must be at least 1 and breaker-open-for positive");
        }
    }
}
