package dev.mercator.inventory.channel;

import org.jspecify.annotations.Nullable;

/**
 * Set {@code target} to {@code quantity} on a channel. {@code lastConfirmed} is what the channel last confirmed (null
 * if never): Shopify uses it as the compare-and-set expectation. {@code idempotencyKey} is stable for this (SKU,
 * channel, change), so a retried push after a crash is recognised by vendors that support it.
 */
public record PushRequest(
        PushTarget target, int quantity, @Nullable Integer lastConfirmed, String idempotencyKey) {}
