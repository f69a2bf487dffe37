package dev.mercator.catalog.affiliate;

import static dev.mercator.marketplaces.SandboxFixtures.account;
import static dev.mercator.marketplaces.SandboxFixtures.clearFaults;
import static dev.mercator.marketplaces.SandboxFixtures.faults;
import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static dev.mercator.marketplaces.SandboxFixtures.withWrongSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.resilience.MarketplaceCalls;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import dev.mercator.marketplaces.source.MarketplaceSources;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.support.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * AliExpress link.generate calls go through the resilience layer like searches do, against the sync-gateway simulator:
 * retried when transient, not retried when permanent, counted against the daily quota, and a failure leaves the plain
 * product URL.
 */
class CatalogAffiliateLinkCallsIntegrationTests extends IntegrationTest {

    private static final String PROVIDER = "aliexpress";
    private static final String LINK_GENERATE = "aliexpress.affiliate.link.generate";

    @Autowired
    OfferLinks links;

    @Autowired
    MarketplaceSources sources;

    @Autowired
    MarketplaceCalls calls;

    @Autowired
    MarketplaceSettings settings;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void noFaults() {
        clearFaults(admin, PROVIDER);
    }

    /** A product of the simulator's catalogue that passes validation, found with the given account. */
    private record Found(RawProduct raw, ValidProduct valid) {}

    private ProductSource source() {
        return sources.find(Marketplace.ALIEXPRESS).orElseThrow();
    }

    private Found product(SourceAccount account) throws Exception {
        for (RawProduct raw : source().search(new SourceQuery("power bank", 1, 20, null, null, null), account)
                .products()) {
            ValidProduct valid = ProductValidation.validate(raw).product();
            if (valid != null) {
                return new Found(raw, valid);
            }
        }
        throw new AssertionError("no valid power bank in the simulator's catalogue");
    }

    private static SourceAccount fresh(String trackingId) {
        return account(PROVIDER, "appKey", "appSecret", trackingId);
    }

    private double calls(String outcome) {
        return count("mercator.catalog.calls", outcome);
    }

    private double links(String outcome) {
        return count("mercator.catalog.affiliate.links", outcome);
    }

    private double count(String name, String outcome) {
        Counter counter = meters.find(name)
                .tag("marketplace", PROVIDER)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long quotaUsed() {
        return calls.quotas().stream()
                .filter(q -> q.marketplace().equals(PROVIDER))
                .findFirst()
                .orElseThrow()
                .used();
    }

    @Test
    void aTransientLinkFailureIsRetriedThenFallsBackToThePlainUrlAndALaterCallMakesTheLink() throws Exception {
        SourceAccount account = fresh("retry_shop");
        Found product = product(account);
        faults(admin, PROVIDER, Map.of("errorRate", 1.0));
        double transientBefore = calls("transient");
        double failedBefore = links("failed");

        ValidProduct linked = links.apply(product.valid(), product.raw(), account);

        assertThat(linked.offer().url()).isEqualTo(product.valid().offer().url());
        assertThat(linked.offer().affiliate()).isFalse();
        assertThat(calls("transient") - transientBefore)
                .as("every attempt was made")
                .isEqualTo(settings.resilience().attempts());
        assertThat(links("failed") - failedBefore).isEqualTo(1);

        clearFaults(admin, PROVIDER);
        long quotaBefore = quotaUsed();
        linked = links.apply(product.valid(), product.raw(), account);

        assertThat(linked.offer().affiliate()).isTrue();
        assertThat(linked.offer().url())
                .startsWith("https://s.click.aliexpress.com/")
                .endsWith("tracking_id=retry_shop");
        assertThat(quotaUsed() - quotaBefore)
                .as("a link call spends AliExpress quota like any call")
                .isEqualTo(1);
        assertThat(stat(api, PROVIDER, account.field("appKey"), LINK_GENERATE))
                .as("link calls that reached the gateway")
                .isEqualTo(1);
    }

    @Test
    void aPermanentLinkFailureFallsBackAtOnceWithoutRetryAndShowsInHealthUntilASuccess() throws Exception {
        SourceAccount good = fresh("good_shop");
        Found product = product(good);
        SourceAccount wrong = withWrongSecret(fresh("wrong_shop"), "appKey", "appSecret");
        double permanentBefore = calls("permanent");
        double transientBefore = calls("transient");
        double failedBefore = links("failed");

        ValidProduct linked = links.apply(product.valid(), product.raw(), wrong);

        assertThat(linked.offer().url()).isEqualTo(product.valid().offer().url());
        assertThat(linked.offer().affiliate()).isFalse();
        assertThat(calls("permanent") - permanentBefore)
                .as("one attempt, no retry")
                .isEqualTo(1);
        assertThat(calls("transient") - transientBefore).isZero();
        assertThat(links("failed") - failedBefore).isEqualTo(1);
        assertThat(calls.state(Marketplace.ALIEXPRESS).permanentFailure()).contains("IncompleteSignature");
        assertThat(calls.state(Marketplace.ALIEXPRESS).circuit())
                .as("a permanent failure is no outage")
                .isEqualTo("closed");

        assertThat(links.apply(product.valid(), product.raw(), good).offer().affiliate())
                .isTrue();
        assertThat(calls.state(Marketplace.ALIEXPRESS).permanentFailure()).isNull();
    }

    @Test
    void oneResponsesProductsShareOneLinkCallAndConcurrentIdenticalRequestsShareIt() throws Exception {
        SourceAccount account = fresh("batch_shop");
        List<OfferLinks.Linkable> found = new ArrayList<>();
        for (RawProduct raw : source().search(new SourceQuery("usb c cable", 1, 50, null, null, null), account)
                .products()) {
            ValidProduct valid = ProductValidation.validate(raw).product();
            if (valid != null) {
                found.add(new OfferLinks.Linkable(valid, raw));
            }
        }
        assertThat(found).hasSizeGreaterThan(20);
        long quotaBefore = quotaUsed();

        List<List<ValidProduct>> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<ValidProduct>>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(pool.submit(() -> {
                    start.await();
                    return links.applyAll(found, account);
                }));
            }
            start.countDown();
            answers = new ArrayList<>();
            for (Future<List<ValidProduct>> request : requests) {
                answers.add(request.get());
            }
        }

        for (List<ValidProduct> answer : answers) {
            assertThat(answer).hasSameSizeAs(found);
            for (int i = 0; i < found.size(); i++) {
                assertThat(answer.get(i).offer().marketplaceId())
                        .isEqualTo(found.get(i).product().offer().marketplaceId());
                assertThat(answer.get(i).offer().affiliate()).isTrue();
                assertThat(answer.get(i).offer().url())
                        .isEqualTo(answers.getFirst().get(i).offer().url())
                        .endsWith("tracking_id=batch_shop");
            }
        }
        assertThat(answers.getFirst().stream().map(p -> p.offer().url()).distinct())
                .as("each product its own link, matched back to it")
                .hasSameSizeAs(found);
        assertThat(stat(api, PROVIDER, account.field("appKey"), LINK_GENERATE))
                .as("one link.generate call for %d products and 8 identical requests", found.size())
                .isEqualTo(1);
        assertThat(quotaUsed() - quotaBefore).isEqualTo(1);
    }
}
