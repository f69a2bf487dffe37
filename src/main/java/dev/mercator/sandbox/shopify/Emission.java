package dev.mercator.sandbox.shopify;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A webhook a change in a simulated shop triggers: its topic and its REST-style JSON payload. */
record Emission(String topic, Map<String, @Nullable Object> payload) {}
