package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.resilience.MarketplaceCalls.ProbeOutcome;
import dev.mercator.marketplaces.source.MarketplaceSources;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * Makes the half-open trial of every open circuit whose time is up, so that no merchant's search is the one that waits
 * out a timeout against a marketplace that is still down. Each trial is the cheapest real call the {@link ProductSource}
 * port has: a search for one product, under the instance's account (which live mode requires), in the background lane
 * (see {@link MarketplaceCalls#probe}). Reported in {@code /health/detailed} as {@code worker:breaker-probe}.
 */
@Component
class BreakerProbe extends PeriodicWorker {

    /** A common word and a page of one: any marketplace answers it, and it is the smallest answer there is. */
    static final SourceQuery QUERY = new SourceQuery("usb", 1, 1, null, null, null);

    private static final SourceAccount INSTANCE = new SourceAccount("instance", null, Map.of());

    /**
     * How often open circuits are looked at. A run that finds nothing due costs a state check per marketplace, so this
     * can be short: a recovered marketplace is back within a second of its open period's end.
     */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final MarketplaceCalls calls;
    private final MarketplaceSources sources;

    BreakerProbe(MarketplaceCalls calls, MarketplaceSources sources) {
        super("breaker-probe", INTERVAL);
        this.calls = calls;
        this.sources = sources;
    }

    @Override
    protected void runOnce() throws InterruptedException {
        probeDue();
    }

    /**
     * Probes every marketplace whose trial is due, in parallel: a marketplace that hangs until the read timeout must
     * not hold up the trial of another.
     */
    Map<Marketplace, ProbeOutcome> probeDue() throws InterruptedException {
        Map<Marketplace, Future<ProbeOutcome>> running = new EnumMap<>(Marketplace.class);
        try (ExecutorService trials = Executors.newVirtualThreadPerTaskExecutor()) {
            sources.all()
                    .forEach((marketplace, source) -> running.put(
                            marketplace,
                            trials.submit(() -> calls.probe(marketplace, () -> source.search(QUERY, INSTANCE)))));
        }
        Map<Marketplace, ProbeOutcome> outcomes = new EnumMap<>(Marketplace.class);
        for (Map.Entry<Marketplace, Future<ProbeOutcome>> trial : running.entrySet()) {
            try {
                outcomes.put(trial.getKey(), trial.getValue().get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("probe of " + trial.getKey().id() + " failed", e.getCause());
            }
        }
        return outcomes;
    }

    /** A trial may wait out a read timeout and the background lane's rate-limit wait; that is no stuck worker. */
    @Override
    protected int staleAfterIntervals() {
        return 120;
    }
}
