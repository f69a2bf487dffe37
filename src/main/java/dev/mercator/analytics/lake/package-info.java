/**
 * The event lake: the journal of accepted events, the background flusher that writes them into append-only Parquet
 * files partitioned by merchant and date, the manifest that makes a file visible, and the DuckDB engine that reads a
 * merchant's files together with its events not yet flushed.
 */
@NullMarked
package dev.mercator.analytics.lake;

import org.jspecify.annotations.NullMarked;
