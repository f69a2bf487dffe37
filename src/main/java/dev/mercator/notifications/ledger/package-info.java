/**
 * The delivery ledger: one row per message to a destination, created with the alert that caused it, and the
 * dispatcher that sends due rows under a lease, retries, holds rate-limited buckets and folds digests (ADR 21).
 */
@NullMarked
package dev.mercator.notifications.ledger;

import org.jspecify.annotations.NullMarked;
