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
 * @param sweepEvery how often the flusher sweeps the directory for files no manifest entry lists (left by a crash
 *     between writing a file and committing it)
 * @param orphanAge how old such an unlisted file must be before the sweep deletes it: well above the time a flush
 *     takes, so a file another instance is about to commit is never taken for an orphan
 */
@Validated
@ConfigurationProperties("mercator.analytics.lake")
record LakeSettings(
        @DefaultValue("./data/analytics") @NotNull Path directory,
        @DefaultValue("true") boolean flusherEnabled,
        @DefaultValue("5s") @NotNull Duration tick,
        @DefaultValue("10000") @Min(1) int batchSize,
        @DefaultValue("1GB") @NotBlank String memoryLimit,
        @DefaultValue("0") @Min(0) int threads,
        @DefaultValue("1h") @NotNull Duration sweepEvery,
        @DefaultValue("1h") @NotNull Duration orphanAge) {

    LakeSettings {
        if (orphanAge.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException(
                    "mercator.analytics.lake.orphan-age must be at least 5m, was " + orphanAge);
        }
        if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]?i?B")) {
            throw new IllegalArgumentException(
                    "mercator.analytics.lake.memory-limit must be a size such as 1GB or 512MB, was " + memoryLimit);
        }
    }
}
