package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.returns.Returns;
import dev.mercator.inventory.returns.ReturnsSettings;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Amazon returns into Mercator, every {@code returns.report-interval} per seller ({@link AmazonReturnsWorker}): the FBA
 * customer returns report and the merchant-fulfilled returns report over a window that starts {@code report-overlap}
 * before the end of the last one applied, then the FBA pool from getInventorySummaries. Each document is applied in
 * one transaction with its watermark: every row's return (deduplicated by its key, so overlapping windows and a report
 * delivered twice add nothing), its ledger restock and its alert, or none of them; a crash mid-document repeats the
 * window, and the keys make the repeat harmless.
 */
@Component
class AmazonReturnsPoller {

    private static final Logger log = LoggerFactory.getLogger(AmazonReturnsPoller.class);
    private static final Duration PACE_BUDGET = Duration.ofMinutes(2);

    private final ChannelAccounts accounts;
    private final AmazonReports reports;
    private final AmazonFbaInventory fbaInventory;
    private final Returns returns;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReturnsSettings settings;
    private final Clock clock;

    AmazonReturnsPoller(
            ChannelAccounts accounts,
            AmazonReports reports,
            AmazonFbaInventory fbaInventory,
            Returns returns,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ReturnsSettings settings,
            Clock clock) {
        this.accounts = accounts;
        this.reports = reports;
        this.fbaInventory = fbaInventory;
        this.returns = returns;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
    }

    /** What one report pass did: rows read, returns recorded, rows already recorded, rows held; applied or not. */
    record Pass(String reportType, int rows, int recorded, int duplicates, int held, boolean applied) {}

    void pollAll() {
        for (MerchantId merchant : accounts.merchantsWith(Channel.AMAZON)) {
            try {
                poll(merchant);
            } catch (AmazonFailure failure) {
                log.warn("Amazon returns poll for merchant {} failed: {}", merchant, failure.reason());
            } catch (RuntimeException unexpected) {
                log.error("Amazon returns poll for merchant {} failed", merchant, unexpected);
            }
        }
    }

    /** Both reports and the FBA pool of one merchant, now. */
    void poll(MerchantId merchant) {
        pollReport(merchant, ReturnReports.FBA);
        pollReport(merchant, ReturnReports.MFN);
        syncPool(merchant);
    }

    Pass pollReport(MerchantId merchant, String reportType) {
        Optional<AmazonAccount> connected = accounts.amazon(merchant);
        if (connected.isEmpty()) {
            return new Pass(reportType, 0, 0, 0, 0, false);
        }
        AmazonAccount account = connected.get();
        Instant end = clock.instant();
        Instant start = watermark(merchant, reportType)
                .map(last -> last.minus(settings.reportOverlap()))
                .orElse(end.minus(settings.firstWindow()));
        AmazonReports.Fetched fetched =
                reports.fetch(account, reportType, start, end, clock.instant().plus(PACE_BUDGET));
        if (fetched.empty()) {
            transactions.executeWithoutResult(status -> advance(merchant, reportType, end));
            return new Pass(reportType, 0, 0, 0, 0, true);
        }
        if (!fetched.done() || fetched.document() == null) {
            log.info(
                    "Amazon {} report {} for merchant {} ended {}",
                    reportType,
                    fetched.reportId(),
                    merchant,
                    fetched.status());
            return new Pass(reportType, 0, 0, 0, 0, false);
        }
        return apply(merchant, reportType, fetched.document(), end);
    }

    /** Applies one report document, wholly or not at all, and moves the watermark with it. */
    Pass apply(MerchantId merchant, String reportType, byte[] document, Instant end) {
        ReturnReports.Parsed parsed = ReturnReports.parse(reportType, document, end);
        Pass pass = transactions.execute(status -> {
            if (parsed.documentProblem() != null) {
                returns.reportRefused(merchant, reportType, parsed.documentProblem());
                return new Pass(reportType, 0, 0, 0, 0, false);
            }
            int recorded = 0;
            int duplicates = 0;
            int held = 0;
            for (ReturnReports.Item item : parsed.items()) {
                Returns.Recorded result = returns.record(merchant, item.incoming(), item.hold());
                if (result.duplicate()) {
                    duplicates++;
                } else if (result.view().status().equals("held")) {
                    held++;
                    recorded++;
                } else {
                    recorded++;
                }
            }
            advance(merchant, reportType, end);
            return new Pass(reportType, parsed.items().size(), recorded, duplicates, held, true);
        });
        return pass == null ? new Pass(reportType, 0, 0, 0, 0, false) : pass;
    }

    /** Reads what Amazon holds per SKU and keeps it beside physical: never broadcast. */
    void syncPool(MerchantId merchant) {
        Optional<AmazonAccount> connected = accounts.amazon(merchant);
        if (connected.isEmpty()) {
            return;
        }
        Map<String, AmazonFbaInventory.Pool> pools =
                fbaInventory.summaries(connected.get(), clock.instant().plus(PACE_BUDGET));
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> pools.forEach((sku, pool) -> {
            int updated = jdbc.sql("""
                            update inventory_fba_pool set fulfillable = :fulfillable, unfulfillable = :unfulfillable,
                                total = :total, read_at = :now
                            where merchant_id = :merchant and seller_sku = :sku""")
                    .param("fulfillable", pool.fulfillable())
                    .param("unfulfillable", pool.unfulfillable())
                    .param("total", pool.total())
                    .param("now", Timestamp.from(now))
                    .param("merchant", merchant.value())
                    .param("sku", sku)
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into inventory_fba_pool (merchant_id, seller_sku, fulfillable, unfulfillable,
                                    total, read_at)
                                values (:merchant, :sku, :fulfillable, :unfulfillable, :total, :now)""")
                        .param("merchant", merchant.value())
                        .param("sku", sku)
                        .param("fulfillable", pool.fulfillable())
                        .param("unfulfillable", pool.unfulfillable())
                        .param("total", pool.total())
                        .param("now", Timestamp.from(now))
                        .update();
            }
        }));
    }

    private Optional<Instant> watermark(MerchantId merchant, String reportType) {
        return jdbc.sql("""
                        select data_end from amazon_return_watermarks
                        where merchant_id = :merchant and report_type = :type""")
                .param("merchant", merchant.value())
                .param("type", reportType)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private void advance(MerchantId merchant, String reportType, Instant end) {
        int updated = jdbc.sql("""
                        update amazon_return_watermarks set data_end = :end, polled_at = :now
                        where merchant_id = :merchant and report_type = :type and data_end < :end""")
                .param("end", Timestamp.from(end))
                .param("now", Timestamp.from(clock.instant()))
                .param("merchant", merchant.value())
                .param("type", reportType)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into amazon_return_watermarks (merchant_id, report_type, data_end, polled_at)
                            values (:merchant, :type, :end, :now) on conflict do nothing""")
                    .param("merchant", merchant.value())
                    .param("type", reportType)
                    .param("end", Timestamp.from(end))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
    }
}
