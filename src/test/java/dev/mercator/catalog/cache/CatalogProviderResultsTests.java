package dev.mercator.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.catalog.support.MutableClock;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogProviderResultsTests {

    private static final Duration SOFT = Duration.ofMinutes(5);
    private static final Duration HARD = Duration.ofHours(1);
    private static final Duration NEGATIVE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final MapStore store = new MapStore();
    private final ProviderResults results = new ProviderResults(
            new CatalogSettings(new CatalogSettings.Cache(100, SOFT, HARD, Duration.ofHours(24), NEGATIVE), null, null),
            store,
            clock,
            new SimpleMeterRegistry());
    private final SourceQuery query = new SourceQuery("usb cable", 1, 50, null, null, null);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    private SourcePage upstream(Lane lane) throws SourceFailure {
        calls.incrementAndGet();
        lanes.add(lane);
        if (failing) {
            throw new SourceFailure(Marketplace.EBAY, SourceFailure.Kind.TRANSIENT, "down", (Duration) null);
        }
        return new SourcePage(List.of(product("e" + calls.get())), 1, false);
    }

    private CachedResult search() throws SourceFailure {
        return results.search(Marketplace.EBAY, query, this::upstream);
    }

    @Test
    void aFreshResultIsServedWithoutCallingTheProvider() throws Exception {
        search();
        clock.advance(SOFT.minusSeconds(1));

        CachedResult second = search();

        assertThat(calls).hasValue(1);
        assertThat(second.stale()).isFalse();
        assertThat(second.asOf()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void pastTheSoftTtlTheCachedResultIsServedAndRefreshedInTheBackground() throws Exception {
        search();
        clock.advance(SOFT.plusSeconds(1));

        CachedResult served = search();

        assertThat(served.page().products().getFirst().marketplaceId()).isEqualTo("e1");
        await().untilAsserted(
                        () -> assertThat(search().page().products().getFirst().marketplaceId())
                                .isEqualTo("e2"));
        assertThat(calls).hasValue(2);
        assertThat(lanes).containsExactly(Lane.INTERACTIVE, Lane.BACKGROUND);
    }

    @Test
    void pastTheHardTtlTheCachedResultIsServedOnlyWhileTheProviderFails() throws Exception {
        search();
        clock.advance(HARD.plusSeconds(1));

        CachedResult refreshed = search();
        assertThat(refreshed.stale()).isFalse();
        assertThat(refreshed.page().products().getFirst().marketplaceId()).isEqualTo("e2");

        clock.advance(HARD.plusSeconds(1));
        failing = true;
        CachedResult stale = search();

        assertThat(stale.stale()).isTrue();
        assertThat(stale.asOf()).isEqualTo(refreshed.asOf());
        assertThat(stale.failure()).isNotNull();
        assertThat(stale.page().products().getFirst().marketplaceId()).isEqualTo("e2");
    }

    @Test
    void withNothingCachedAFailureIsTheCallersToHandle() {
        failing = true;

        assertThatThrownBy(this::search).isInstanceOf(SourceFailure.class);
    }

    @Test
    void emptyResultsAreNegativeCachedForTheNegativeTtl() throws Exception {
        ProviderResults.Upstream empty = lane -> {
            calls.incrementAndGet();
            return new SourcePage(List.of(), 0, false);
        };
        results.search(Marketplace.EBAY, query, empty);
        clock.advance(NEGATIVE.minusSeconds(1));
        results.search(Marketplace.EBAY, query, empty);
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        results.search(Marketplace.EBAY, query, empty);
        assertThat(calls).hasValue(2);
    }

    @Test
    void affiliateLinksAreNeverCached() throws Exception {
        ProviderResults.Upstream tagged = lane -> new SourcePage(
                List.of(withAffiliate(product("e1"), "https://ebay.example/item/e1?campid=merchant-a")), 1, false);

        CachedResult result = results.search(Marketplace.EBAY, query, tagged);

        assertThat(result.page().products().getFirst().affiliateUrl()).isNull();
        assertThat(store.pages.values())
                .allSatisfy(
                        p -> assertThat(p.products().getFirst().affiliateUrl()).isNull());
    }

    @Test
    void aHundredConcurrentIdenticalSearchesCostOneUpstreamCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProviderResults.Upstream slow = lane -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new SourcePage(List.of(product("e1")), 1, false);
        };
        List<Thread> threads = new ArrayList<>();
        List<CachedResult> answers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    answers.add(results.search(Marketplace.EBAY, query, slow));
                } catch (SourceFailure e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
        }
        // Every thread is parked: the leader inside the upstream call, the others waiting for it.
        await().until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(calls).hasValue(1);
        assertThat(answers).hasSize(100);
    }

    @Test
    void theSharedLevelAnswersWhenTheLocalOneForgot() throws Exception {
        search();
        results.clearLocal();

        search();

        assertThat(calls).hasValue(1);
    }

    private static RawProduct product(String id) {
        return new RawProduct(
                Marketplace.EBAY,
                id,
                "USB cable",
                null,
                null,
                null,
                "5.00",
                "USD",
                List.of(),
                null,
                "https://ebay.example/item/" + id,
                null,
                null,
                Instant.parse("2026-01-01T10:00:00Z"));
    }

    private static RawProduct withAffiliate(RawProduct p, String url) {
        return p.withAffiliateUrl(url);
    }

    static final class MapStore implements SharedResultStore {
        final Map<String, CachedPage> pages = new ConcurrentHashMap<>();

        @Override
        public Optional<CachedPage> get(String key) {
            return Optional.ofNullable(pages.get(key));
        }

        @Override
        public void put(String key, CachedPage page, Duration ttl) {
            pages.put(key, page);
        }
    }
}
