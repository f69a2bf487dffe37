package dev.mercator.platform.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge.
 *
 * @param maxBodySize largest request body accepted (413 above it)
 * @param maxUploadSize largest multipart/form-data body accepted (413 above it): photo uploads
 * @param slowRequestThreshold requests slower than this are logged at WARN
 * @param corsAllowedOrigins origins allowed cross-origin access; empty keeps CORS closed
 */
@Validated
@ConfigurationProperties("mercator.http")
public record HttpSettings(
        @NotNull DataSize maxBodySize,
        @NotNull DataSize maxUploadSize,
        @NotNull Duration slowRequestThreshold,
        List<String> corsAllowedOrigins) {

    public HttpSettings {
        corsAllowedOrigins = corsAllowedOrigins == null
                ? List.of()
                : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "mercator.http.max-body-size (MERCATOR_MAX_BODY_SIZE) must be a positive size such as 1MB");
        }
    }
}
