package dev.mercator.catalog.ingest;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.platform.MerchantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports marketplace products into the database: by keywords (first page of each chosen marketplace) or by the
 * marketplace's own ids. Every product is validated first; rejects are counted like search rejects.
 */
@Component
class CatalogIngest {

    private static final Logger log = LoggerFactory.getLogger(CatalogIngest.class);

    private final Marketplaces marketplaces;
    private final CatalogProducts products;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogIngest(
            Marketplaces marketplaces,
            CatalogProducts products,
            MeterRegistry meters,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.marketplaces = marketplaces;
        this.products = products;
        this.meters = meters;
    }

    /** What one import did. */
    record Report(List<Imported> imported, int rejected, List<Failure> failed) {}

    record Imported(UUID id, String marketplace, String marketplaceId) {}

    record Failure(String marketplace, String error) {}

    Report byKeywords(@Nullable MerchantId merchant, String keywords, List<Marketplace> chosen, int limit) {
        List<Imported> imported = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        int rejected = 0;
        for (Marketplace marketplace : chosen) {
            if (!marketplaces.available(marketplace)) {
                failed.add(new Failure(marketplace.id(), "not configured"));
                continue;
            }
            SourceAccount account = marketplaces.account(merchant, marketplace);
            SourceQuery query = new SourceQuery(keywords, 1, limit, null, null, null);
            try {
                List<RawProduct> found = marketplaces
                        .search(marketplace, query, account, Lane.INTERACTIVE)
                        .products();
                int refused = store(found, imported);
                rejected += refused;
                tellQuality(merchant, marketplace, found.size(), refused);
            } catch (SourceFailure failure) {
                failed.add(new Failure(marketplace.id(), describe(failure)));
            }
        }
        return new Report(imported, rejected, failed);
    }

    Report byIds(@Nullable MerchantId merchant, Marketplace marketplace, List<String> ids, Lane lane) {
        List<Imported> imported = new ArrayList<>();
        if (!marketplaces.available(marketplace)) {
            return new Report(imported, 0, List.of(new Failure(marketplace.id(), "not configured")));
        }
        SourceAccount account = marketplaces.account(merchant, marketplace);
        try {
            List<RawProduct> found = marketplaces.lookup(marketplace, ids, account, lane);
            int rejected = store(found, imported);
            tellQuality(merchant, marketplace, found.size(), rejected);
            return new Report(imported, rejected, List.of());
        } catch (SourceFailure failure) {
            return new Report(imported, 0, List.of(new Failure(marketplace.id(), describe(failure))));
        }
    }

    /**
     * Validates the page, then upserts its valid products in one transaction: one commit per page rather than per
     * product (the ingestion benchmark showed the per-product commit as the whole cost), and a page is stored whole or
     * not at all. Products are written in id order so that two imports of overlapping pages lock rows in the same
     * order and cannot deadlock.
     */
    private int store(List<RawProduct> found, List<Imported> imported) {
        int rejected = 0;
        record Valid(RawProduct raw, ValidProduct product) {}
        List<Valid> valid = new ArrayList<>();
        for (RawProduct raw : found) {
            ProductValidation.Outcome outcome = ProductValidation.validate(raw);
            ValidProduct product = outcome.product();
            if (product == null) {
                rejected++;
                String reason = outcome.rejection() == null
                        ? "unknown"
                        : outcome.rejection().tag();
                Counter.builder("mercator.catalog.rejected")
                        .tag("marketplace", raw.marketplace().id())
                        .tag("reason", reason)
                        .register(meters)
                        .increment();
                log.info(
                        "Rejected {} product {} on import: {}",
                        raw.marketplace().id(),
                        raw.marketplaceId(),
                        reason);
                continue;
            }
            valid.add(new Valid(raw, product));
        }
        valid.sort(Comparator.comparing((Valid v) -> v.raw().marketplace())
                .thenComparing(v -> v.raw().marketplaceId()));
        List<Imported> stored = transactions.execute(status -> {
            List<Imported> done = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Valid v : valid) {
                if (!seen.add(v.raw().marketplace().id() + "|" + v.raw().marketplaceId())) {
                    continue; // a marketplace repeating an item on one page
                }
                // Only the plain URL is stored: affiliate links belong to whoever reads the product.
                String plain = v.raw().productUrl();
                UUID id = products.upsert(v.product(), plain == null || plain.isBlank() ? null : plain.strip());
                done.add(new Imported(id, v.raw().marketplace().id(), v.raw().marketplaceId()));
            }
            return done;
        });
        imported.addAll(stored == null ? List.of() : stored);
        return rejected;
    }

    /**
     * A merchant's import that had products rejected raises {@code catalog.data_quality} (one open alert per
     * marketplace, its count growing with each such import); a clean import from that marketplace resolves it. An
     * import with no merchant (the instance's own) has nobody to tell.
     */
    private void tellQuality(@Nullable MerchantId merchant, Marketplace marketplace, int found, int rejected) {
        if (merchant == null || found == 0) {
            return;
        }
        String subject = "products from " + marketplace.id();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> events.publishEvent(
                rejected == 0
                        ? new AlertCleared(merchant, AlertType.CATALOG_DATA_QUALITY, subject, now)
                        : new AlertRaised(
                                merchant,
                                AlertType.CATALOG_DATA_QUALITY,
                                AlertType.CATALOG_DATA_QUALITY.severity(),
                                subject,
                                rejected + " of " + found + " products from " + marketplace.id()
                                        + " failed validation on import and were not stored",
                                Map.of(
                                        "marketplace", marketplace.id(),
                                        "found", Integer.toString(found),
                                        "rejected", Integer.toString(rejected)),
                                now)));
    }

    private static String describe(SourceFailure failure) {
        return failure.kind().name().toLowerCase(Locale.ROOT) + ": " + failure.getMessage();
    }
}
