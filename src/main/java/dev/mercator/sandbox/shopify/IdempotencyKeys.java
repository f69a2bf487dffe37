package dev.mercator.sandbox.shopify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @idempotent} keys a shop has seen, with the input each came with and the result it got. The oldest are
 * forgotten past {@value #KEPT}: Shopify keeps keys for a while, not for ever. Mutable under the shop's lock only.
 */
final class IdempotencyKeys {

    private static final int KEPT = 10_000;

    /** A key's first use: its input's fingerprint and the result it got. */
    record Use(String fingerprint, SimulatedShop.SetResult result) {}

    private final Map<String, Use> uses = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Use> eldest) {
            return size() > KEPT;
        }
    };

    @Nullable
    Use first(String key) {
        return uses.get(key);
    }

    void remember(String key, String fingerprint, SimulatedShop.SetResult result) {
        uses.put(key, new Use(fingerprint, result));
    }
}
