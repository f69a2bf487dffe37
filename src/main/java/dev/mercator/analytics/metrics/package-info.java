/**
 * Metrics as code: each metric set is one versioned SQL definition under {@code analytics/metrics}, run by DuckDB over
 * one merchant's events and cut into days, weeks or months in the merchant's time zone.
 */
@NullMarked
package dev.mercator.analytics.metrics;

import org.jspecify.annotations.NullMarked;
