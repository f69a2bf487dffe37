package dev.mercator.analytics.lake;

import java.time.Instant;

/**
 * An event the intake has checked, to be journaled.
 *
 * @param id the merchant's own event id, its idempotency key
 * @param type the event type, such as {@code order_placed}
 * @param version the version of the type's schema the payload follows
 * @param occurredAt when it happened, as the merchant says
 * @param payload the type-specific payload, as compact JSON
 */
public record NewEvent(String id, String type, int version, Instant occurredAt, String payload) {}
