package dev.mercator.catalog.support;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.ProductSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A marketplace the test controls: answers by keyword, scripted failures, latency, and a record of every call with
 * the account it ran under.
 */
public final class FakeSource implements ProductSource {

    private final Marketplace marketplace;
    private final Map<String, List<RawProduct>> answers = new ConcurrentHashMap<>();
    private final Deque<SourceFailure> scriptedFailures = new ConcurrentLinkedDeque<>();
    private volatile Function<SourceQuery, SourcePage> fallbackAnswer = q -> new SourcePage(List.of(), 0, false);
    private volatile SourceFailure.@org.jspecify.annotations.Nullable Kind alwaysFail;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean linkApiFails;
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<SourceAccount> accounts = new CopyOnWriteArrayList<>();

    public FakeSource(Marketplace marketplace) {
        this.marketplace = marketplace;
    }

    public void reset() {
        answers.clear();
        scriptedFailures.clear();
        alwaysFail = null;
        latency = Duration.ZERO;
        linkApiFails = false;
        searches.set(0);
        lookups.set(0);
        accounts.clear();
    }

    public FakeSource answer(String keywords, RawProduct... products) {
        answers.put(keywords, List.of(products));
        return this;
    }

    /** The next calls fail with these, in order, before answers resume. */
    public FakeSource failNext(SourceFailure.Kind kind, int times, Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            scriptedFailures.add(
                    new SourceFailure(marketplace, kind, "scripted " + kind, retryAfter.isZero() ? null : retryAfter));
        }
        return this;
    }

    public FakeSource failAlways(SourceFailure.@org.jspecify.annotations.Nullable Kind kind) {
        this.alwaysFail = kind;
        return this;
    }

    public FakeSource latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    public FakeSource linkApiFails(boolean fails) {
        this.linkApiFails = fails;
        return this;
    }

    public int searches() {
        return searches.get();
    }

    public int lookups() {
        return lookups.get();
    }

    public List<SourceAccount> accounts() {
        return List.copyOf(accounts);
    }

    @Override
    public Marketplace marketplace() {
        return marketplace;
    }

    @Override
    public SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        searches.incrementAndGet();
        accounts.add(account);
        behave();
        List<RawProduct> found = answers.get(query.keywords());
        if (found == null) {
            return fallbackAnswer.apply(query);
        }
        return new SourcePage(withTag(found, account), found.size(), false);
    }

    @Override
    public List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        lookups.incrementAndGet();
        accounts.add(account);
        behave();
        List<RawProduct> found = new ArrayList<>();
        for (List<RawProduct> list : answers.values()) {
            for (RawProduct p : list) {
                if (ids.contains(p.marketplaceId())
                        && found.stream().noneMatch(f -> f.marketplaceId().equals(p.marketplaceId()))) {
                    found.add(p);
                }
            }
        }
        return withTag(found, account);
    }

    @Override
    public Map<String, String> affiliateLinks(List<RawProduct> products, SourceAccount account) throws SourceFailure {
        if (marketplace != Marketplace.ALIEXPRESS) {
            return Map.of();
        }
        if (linkApiFails) {
            throw new SourceFailure(marketplace, SourceFailure.Kind.TRANSIENT, "link API down", (Duration) null);
        }
        Map<String, String> links = new java.util.LinkedHashMap<>();
        for (RawProduct product : products) {
            links.put(
                    product.marketplaceId(),
                    "https://s.click.aliexpress.com/e/" + product.marketplaceId() + "?tracking="
                            + account.affiliateTag());
        }
        return links;
    }

    private void behave() throws SourceFailure {
        if (!latency.isZero()) {
            try {
                // A provider's latency is what the tests of deadlines and coalescing measure: a real wait on purpose.
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailure(marketplace, SourceFailure.Kind.TRANSIENT, "interrupted", e);
            }
        }
        SourceFailure scripted = scriptedFailures.poll();
        if (scripted != null) {
            throw scripted;
        }
        SourceFailure.Kind kind = alwaysFail;
        if (kind != null) {
            throw new SourceFailure(marketplace, kind, "provider down (" + kind + ")", (Duration) null);
        }
    }

    /** Like the real Amazon/eBay adapters: the account's tag is put into the product URL. */
    private List<RawProduct> withTag(List<RawProduct> products, SourceAccount account) {
        if (marketplace == Marketplace.ALIEXPRESS || account.affiliateTag() == null) {
            return products;
        }
        return products.stream()
                .map(p -> p.withAffiliateUrl(p.productUrl() + "?tag=" + account.affiliateTag()))
                .toList();
    }

    public static RawProduct product(Marketplace marketplace, String id, String title, String price) {
        return new RawProduct(
                marketplace,
                id,
                title,
                "A description",
                "Brand",
                null,
                price,
                "USD",
                List.of(),
                null,
                "https://" + marketplace.id() + ".example/item/" + id,
                null,
                "in stock",
                Instant.now());
    }
}
