package dev.mercator.merchants;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.ApiKeyAuthenticator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchant API keys. A key is {@code mk_} followed by 32 random bytes (base62), so it cannot be guessed; only its
 * SHA-256 is stored. A slow password hash would add nothing against a 256-bit random secret and would cost every request.
 */
@Component
class ApiKeys implements ApiKeyAuthenticator {

    private static final String PREFIX = "mk_";
    private static final Pattern SHAPE = Pattern.compile("mk_[0-9A-Za-z]{43}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    // Keys are looked up on every request; a short cache keeps that off the database. Revocation clears it here and
    // other instances see a revocation within the TTL.
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<KeyOwner>> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CACHE_TTL)
            .recordStats()
            .build();

    ApiKeys(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        // Its hit rate shows whether the cache really keeps key lookups off the database.
        CaffeineCacheMetrics.monitor(meters, recent, "api-keys");
    }

    @Transactional
    IssuedKey issue(MerchantId merchant, @Nullable String label) {
        String secret = newSecret();
        UUID keyId = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_keys (id, merchant_id, key_hash, key_hint, label, created_at)
                        values (:id, :merchant, :hash, :hint, :label, :now)""")
                .param("id", keyId)
                .param("merchant", merchant.value())
                .param("hash", hash(secret))
                .param("hint", secret.substring(0, 7))
                .param("label", label)
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .update();
        return new IssuedKey(merchant, keyId, secret);
    }

    @Transactional
    boolean revoke(MerchantId merchant, UUID keyId) {
        int changed = jdbc.sql("""
                        update api_keys set revoked_at = :now
                        where id = :id and merchant_id = :merchant and revoked_at is null""")
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .param("id", keyId)
                .param("merchant", merchant.value())
                .update();
        recent.invalidateAll();
        return changed == 1;
    }

    @Transactional
    int revokeLabelled(MerchantId merchant, String label) {
        int changed = jdbc.sql("""
                        update api_keys set revoked_at = :now
                        where merchant_id = :merchant and label = :label and revoked_at is null""")
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .param("merchant", merchant.value())
                .param("label", label)
                .update();
        recent.invalidateAll();
        return changed;
    }

    List<KeySummary> list(MerchantId merchant) {
        return jdbc.sql("""
                        select id, key_hint, label, created_at, revoked_at from api_keys
                        where merchant_id = :merchant order by created_at""")
                .param("merchant", merchant.value())
                .query((rs, n) -> new KeySummary(
                        rs.getObject("id", UUID.class),
                        rs.getString("key_hint") + "…",
                        rs.getString("label"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    @Override
    public Optional<KeyOwner> authenticate(String presentedKey) {
        if (!SHAPE.matcher(presentedKey).matches()) {
            return Optional.empty();
        }
        String hash = hash(presentedKey);
        return recent.get(hash, this::lookup);
    }

    private Optional<KeyOwner> lookup(String hash) {
        return jdbc.sql("select id, merchant_id from api_keys where key_hash = :hash and revoked_at is null")
                .param("hash", hash)
                .query((rs, n) -> new KeyOwner(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)), rs.getObject("id", UUID.class)))
                .optional();
    }

    private String newSecret() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < 43; i++) {
            key.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return key.toString();
    }

    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** A key as listed: never its secret, only a recognisable hint. */
    record KeySummary(
            UUID id,
            String hint,
            @Nullable String label,
            Instant createdAt,
            @Nullable Instant revokedAt) {}
}
