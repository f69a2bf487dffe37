package dev.mercator.catalog.ingest;

import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refreshes tracked products whose price is older than the threshold, oldest first, one lookup per marketplace per
 * run, in the background lane: it stops at the background share of the daily quota so searches keep the rest.
 */
@Component
class TrackedProductRefresh {

    private static final Logger log = LoggerFactory.getLogger(TrackedProductRefresh.class);

    private final CatalogProducts products;
    private final CatalogIngest ingest;
    private final CatalogSettings.Refresh settings;
    private final Clock clock;

    TrackedProductRefresh(CatalogProducts products, CatalogIngest ingest, CatalogSettings settings, Clock clock) {
        this.products = products;
        this.ingest = ingest;
        this.settings = settings.refresh();
        this.clock = clock;
    }

    /** One pass; returns how many products were refreshed. */
    int refreshDue() {
        List<StoredProduct> due = products.due(clock.instant().minus(settings.staleAfter()), settings.batchSize());
        Map<Marketplace, List<String>> byMarketplace = due.stream()
                .collect(Collectors.groupingBy(
                        StoredProduct::marketplace,
                        LinkedHashMap::new,
                        Collectors.mapping(StoredProduct::marketplaceId, Collectors.toList())));
        int refreshed = 0;
        for (Map.Entry<Marketplace, List<String>> entry : byMarketplace.entrySet()) {
            CatalogIngest.Report report = ingest.byIds(null, entry.getKey(), entry.getValue(), Lane.BACKGROUND);
            refreshed += report.imported().size();
            report.failed()
                    .forEach(f -> log.info(
                            "Refresh of {} tracked {} products skipped: {}",
                            entry.getValue().size(),
                            f.marketplace(),
                            f.error()));
        }
        return refreshed;
    }
}
