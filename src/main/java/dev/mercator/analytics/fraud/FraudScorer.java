package dev.mercator.analytics.fraud;

import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the scoring pass in the background (off with {@code mercator.analytics.fraud.scorer-enabled=false}). */
@Component
@ConditionalOnProperty(name = "mercator.analytics.fraud.scorer-enabled", havingValue = "true", matchIfMissing = true)
class FraudScorer extends PeriodicWorker {

    private final FraudPass pass;

    FraudScorer(FraudPass pass, FraudSettings settings) {
        super("fraud-scorer", settings.tick());
        this.pass = pass;
    }

    @Override
    protected void runOnce() {
        pass.drain();
    }
}
