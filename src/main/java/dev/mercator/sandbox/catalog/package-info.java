/**
 * The generated product catalogue the marketplace simulators share, their sandbox accounts, per-account rate limits
 * (on {@code sandbox.limits}) and call statistics.
 */
@NullMarked
package dev.mercator.sandbox.catalog;

import org.jspecify.annotations.NullMarked;
