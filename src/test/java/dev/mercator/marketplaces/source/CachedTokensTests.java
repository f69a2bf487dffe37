package dev.mercator.marketplaces.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedTokensTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final CachedTokens tokens = new CachedTokens(Duration.ofSeconds(30), clock);
    private final AtomicInteger mints = new AtomicInteger();

    private CachedTokens.Token mint() {
        return new CachedTokens.Token("token-" + mints.incrementAndGet(), Duration.ofHours(1));
    }

    @Test
    void reusesATokenUntilShortlyBeforeItExpires() {
        assertThat(tokens.get("app", this::mint)).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(59).plusSeconds(29));
        assertThat(tokens.get("app", this::mint)).isEqualTo("token-1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.get("app", this::mint)).isEqualTo("token-2");
        assertThat(mints).hasValue(2);
    }

    @Test
    void keepsOneTokenPerCredentialAndSecret() {
        String one = CachedTokens.key("client", "secret-1");
        String rotated = CachedTokens.key("client", "secret-2");

        assertThat(one).doesNotContain("secret-1");
        assertThat(tokens.get(one, this::mint)).isEqualTo("token-1");
        assertThat(tokens.get(rotated, this::mint)).isEqualTo("token-2");
        assertThat(tokens.get(one, this::mint)).isEqualTo("token-1");
    }

    @Test
    void invalidatingARefusedTokenMintsANewOneButNeverDropsAReplacement() {
        tokens.get("app", this::mint);
        tokens.invalidate("app", "token-1");
        assertThat(tokens.get("app", this::mint)).isEqualTo("token-2");

        tokens.invalidate("app", "token-1");
        assertThat(tokens.get("app", this::mint)).isEqualTo("token-2");
    }

    @Test
    void aFailedMintIsNotCached() {
        assertThatThrownBy(() -> tokens.get("app", () -> {
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");

        assertThat(tokens.get("app", this::mint)).isEqualTo("token-1");
    }

    @Test
    void concurrentCallersWaitForOneMint() throws Exception {
        CountDownLatch minting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = new ArrayList<>();
            results.add(pool.submit(() -> tokens.get("app", () -> {
                minting.countDown();
                release.await(10, TimeUnit.SECONDS);
                return mint();
            })));
            assertThat(minting.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> tokens.get("app", this::mint)));
            }
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
            }
        }
        assertThat(mints).hasValue(1);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
