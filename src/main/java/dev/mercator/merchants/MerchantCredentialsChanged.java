package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;

/**
 * A merchant stored, replaced or deleted its credential set {@code name}; modules that keep what they read from the
 * vault in memory drop it.
 */
public record MerchantCredentialsChanged(MerchantId merchant, String name) {}
