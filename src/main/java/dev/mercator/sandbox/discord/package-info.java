/** Simulator of Discord's execute-webhook endpoint: its form validation, its per-webhook buckets and its errors. */
@NullMarked
package dev.mercator.sandbox.discord;

import org.jspecify.annotations.NullMarked;
