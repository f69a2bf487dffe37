/**
 * Analytics: a merchant's commerce events taken in, kept as Parquet and turned into sales metrics by SQL definitions run
 * in process on DuckDB (ADR 33).
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *"})
@NullMarked
package dev.mercator.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
