package dev.mercator.analytics.lake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event lake ({@code mercator.analytics.lake.*}; environment variables {@code MERCATOR_ANALYTICS_LAKE_*}).
 *
 * @param directory where the Parquet files are written, under the data directory by default
 * @param flusherEnabled whether this instance runs the flusher (several instances may: a claim keeps them apart)
 * @param tick how often the flusher looks for events to write
 * @param batchSize most events one flusher pass writes
 * @param memoryLimit DuckDB's memory limit for queries and writes (DuckDB syntax: {@code 1GB}, {@code 512MB})
 * @param threads DuckDB's worker threads; 0 leaves DuckDB's default (one per core)
 */
@Validated
@ConfigurationProperties("mercator.analytics.lake")
record LakeSettings(
        @DefaultValue("./data/analytics") @NotNull Path directory,
        @DefaultValue("true") boolean flusherEnabled,
        @DefaultValue("5s") @NotNull Duration tick,
        @DefaultValue("10000") @Min(1) int batchSize,
        @DefaultValue("1GB") @NotBlank String memoryLimit,
        @DefaultValue("0") @Min(0) int threads) {

    LakeSettings {
        if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]?i?B")) {
            throw new IllegalArgumentException(
                    "mercator.analytics.lake.memory-limit must be a size such as 1GB or 512MB, was " + memoryLimit);
        }
    }
}
