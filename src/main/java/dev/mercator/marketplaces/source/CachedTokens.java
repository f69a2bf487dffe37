package dev.mercator.marketplaces.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens of a client-credentials grant, one per credential, reused until shortly before they expire. Vendors
 * cap how many tokens an app may mint a day (eBay: 1 000), so concurrent callers that find no valid token wait for one
 * mint instead of each starting their own (single flight per credential). A credential is keyed by its id and a hash of
 * its secret: a rotated secret gets its own token, and no secret is kept as a key.
 */
public final class CachedTokens {

    /** Mints a token; the caller's checked failure passes through. */
    @FunctionalInterface
    public interface Minter<E extends Exception> {
        Token mint() throws E;
    }

    /** A token and how long the vendor said it lives. */
    public record Token(String value, Duration lifetime) {}

    private record Held(String value, Instant refreshAt) {}

    private final Duration refreshBefore;
    private final Clock clock;
    private final Map<String, Held> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CachedTokens(Duration refreshBefore, Clock clock) {
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    public static String key(String id, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return id + "#" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public <E extends Exception> String get(String key, Minter<E> minter) throws E {
        String held = fresh(key);
        if (held != null) {
            return held;
        }
        synchronized (locks.computeIfAbsent(key, any -> new Object())) {
            held = fresh(key);
            if (held != null) {
                return held;
            }
            Token token = minter.mint();
            Duration usable = token.lifetime().minus(refreshBefore);
            // A token shorter-lived than the margin is still used once rather than re-minted on every call.
            Instant refreshAt =
                    clock.instant().plus(usable.isNegative() ? token.lifetime().dividedBy(2) : usable);
            tokens.put(key, new Held(token.value(), refreshAt));
            return token.value();
        }
    }

    /** Drops a token the vendor refused, unless another caller has already replaced it. */
    public void invalidate(String key, String value) {
        tokens.computeIfPresent(key, (any, held) -> held.value().equals(value) ? null : held);
    }

    private @Nullable String fresh(String key) {
        Held held = tokens.get(key);
        return held != null && clock.instant().isBefore(held.refreshAt()) ? held.value() : null;
    }
}
