package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;
import java.time.Instant;

/** A tenant. */
public record Merchant(MerchantId id, String name, Instant createdAt) {}
