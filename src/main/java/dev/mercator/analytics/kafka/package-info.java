/**
 * Kafka intake (ADR 35): when {@code mercator.analytics.kafka.bootstrap-servers} is set, a consumer group reads each
 * merchant's events from that merchant's own topic and hands them to the same intake as the HTTP API, committing
 * offsets only once the events are in the journal; rejected events go to the merchant's {@code .rejected} topic with
 * their reasons.
 */
@NullMarked
package dev.mercator.analytics.kafka;

import org.jspecify.annotations.NullMarked;
