package dev.mercator.platform.ratelimit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token buckets in the database, so every instance on one database draws from the same bucket: several Mercator
 * instances together never exceed a vendor's limit (Amazon's per-seller quota, say). Each acquisition is one short
 * transaction of its own, using the database's clock so instances with skewed clocks still agree.
 */
@Component
public class SharedRateLimiter {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SharedRateLimiter(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Takes one token from bucket {@code key} (refilled at {@code perSecond} up to {@code burst}). Returns zero when
     * a token was taken, otherwise how long until one will be available (nothing is taken then).
     */
    public Duration tryAcquire(String key, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        Duration wait = transactions.execute(status -> take(key, perSecond, burst));
        return wait == null ? Duration.ZERO : wait;
    }

    /** Blocks until a token is taken (or the thread is interrupted). */
    public void acquire(String key, double perSecond, int burst) throws InterruptedException {
        while (true) {
            Duration wait = tryAcquire(key, perSecond, burst);
            if (wait.isZero()) {
                return;
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    private Duration take(String key, double perSecond, int burst) {
        jdbc.sql("""
                        insert into rate_buckets (bucket_key, tokens, updated_at)
                        values (:key, :burst, current_timestamp) on conflict do nothing""").param("key", key).param("burst", (double) burst).update();
        record State(double tokens, Instant updatedAt, Instant now) {}
        State state = jdbc.sql("""
                        select tokens, updated_at, current_timestamp as now from rate_buckets
                        where bucket_key = :key for update""")
                .param("key", key)
                .query((rs, n) -> new State(
                        rs.getDouble("tokens"),
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getTimestamp("now").toInstant()))
                .single();
        double elapsed =
                Math.max(0, Duration.between(state.updatedAt(), state.now()).toNanos() / 1e9);
        double tokens = Math.min(burst, state.tokens() + elapsed * perSecond);
        boolean taken = tokens >= 1.0;
        if (taken) {
            tokens -= 1.0;
        }
        jdbc.sql("update rate_buckets set tokens = :tokens, updated_at = :now where bucket_key = :key")
                .param("tokens", tokens)
                .param("now", Timestamp.from(state.now()))
                .param("key", key)
                .update();
        return taken ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1.0 - tokens) / perSecond * 1e9));
    }
}
