package dev.mercator.catalog.ingest;

import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs {@link TrackedProductRefresh} on a schedule; reported in /health/detailed as {@code worker:catalog-refresh}. */
@Component
@ConditionalOnProperty(name = "mercator.catalog.refresh.enabled", havingValue = "true", matchIfMissing = true)
class RefreshWorker extends PeriodicWorker {

    private final TrackedProductRefresh refresh;

    RefreshWorker(TrackedProductRefresh refresh, CatalogSettings settings) {
        super("catalog-refresh", settings.refresh().interval());
        this.refresh = refresh;
    }

    @Override
    protected void runOnce() {
        refresh.refreshDue();
    }

    @Override
    public boolean critical() {
        return false;
    }
}
