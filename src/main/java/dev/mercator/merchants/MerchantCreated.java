package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;

/** A merchant was created; modules that keep per-merchant state may set it up. */
public record MerchantCreated(MerchantId merchant, String name) {}
