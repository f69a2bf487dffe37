package dev.mercator.sandbox.catalog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque bearer tokens of a simulated OAuth2 client-credentials grant: issued per account with a lifetime, looked up
 * on each call, and expirable on demand so tests can see clients mint a new one.
 */
public final class TokenIssuer {

    private final String prefix;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public TokenIssuer(String prefix, Duration lifetime, Clock clock) {
        this.prefix = prefix;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A granted token: which account it speaks for and until when. */
    public record Grant(String account, Instant expiresAt) {}

    /** Whether a token was never issued, or was issued but has expired. */
    public enum Problem {
        UNKNOWN,
        EXPIRED
    }

    public String issue(String account) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(account, clock.instant().plus(lifetime)));
        return token;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The grant behind a token, or why there is none. */
    public Optional<Grant> grant(String token) {
        Grant grant = grants.get(token);
        return grant == null || !clock.instant().isBefore(grant.expiresAt()) ? Optional.empty() : Optional.of(grant);
    }

    public Problem problem(String token) {
        return grants.containsKey(token) ? Problem.EXPIRED : Problem.UNKNOWN;
    }

    /** Ends every token of an account now, as if its hour had passed. */
    public void expire(String account) {
        Instant now = clock.instant().minusSeconds(1);
        grants.replaceAll((token, grant) -> grant.account().equals(account) ? new Grant(account, now) : grant);
    }
}
