package dev.mercator.dealscout.scan;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each scan's health per marketplace: the last good run, failures in a row and the last error. A scan that fails
 * {@code blindAfterRuns} times in a row on a marketplace sees nothing there; its merchant gets one warning alert in the
 * alert centre, cleared by the next good run. Both are published in the transaction that records the run, so the
 * alert and the health row never disagree.
 */
@Component
class ScanHealth {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ScanSettings settings;

    ScanHealth(JdbcClient jdbc, ApplicationEventPublisher events, ScanSettings settings) {
        this.jdbc = jdbc;
        this.events = events;
        this.settings = settings;
    }

    /** One marketplace's health as the scan view shows it. */
    record ScanHealthView(
            String marketplace,
            @Nullable Instant lastRunAt,
            @Nullable Instant lastGoodAt,
            int consecutiveFailures,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt,
            boolean blind) {}

    List<ScanHealthView> of(UUID scan) {
        return jdbc.sql(
                        "select marketplace, last_run_at, last_good_at, consecutive_failures, last_error,"
                                + " last_error_at, alerted from dealscout_scan_health where scan_id = :scan order by marketplace")
                .param("scan", scan)
                .query((rs, row) -> new ScanHealthView(
                        rs.getString("marketplace"),
                        instant(rs.getTimestamp("last_run_at")),
                        instant(rs.getTimestamp("last_good_at")),
                        rs.getInt("consecutive_failures"),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("last_error_at")),
                        rs.getBoolean("alerted")))
                .list();
    }

    @Transactional
    void succeeded(Scan scan, Marketplace marketplace, Instant now) {
        boolean wasBlind = alerted(scan.id(), marketplace);
        ensure(scan.id(), marketplace);
        jdbc.sql("update dealscout_scan_health set last_run_at = :now, last_good_at = :now, consecutive_failures = 0,"
                        + " alerted = false where scan_id = :scan and marketplace = :m")
                .param("now", Timestamp.from(now))
                .param("scan", scan.id())
                .param("m", marketplace.id())
                .update();
        if (wasBlind) {
            events.publishEvent(
                    new AlertCleared(scan.merchant(), AlertType.DEALSCOUT_SCAN_BLIND, subject(scan, marketplace), now));
        }
    }

    /**
     * A failed run. {@code counts} is false for a run the budget deferred: it is shown as the last error, but the scan
     * is not blind for it, since the planner has already stretched its interval and says so.
     */
    @Transactional
    void failed(Scan scan, Marketplace marketplace, String error, boolean counts, Instant now) {
        ensure(scan.id(), marketplace);
        String shown = error.length() > 500 ? error.substring(0, 499) + "…" : error;
        jdbc.sql(
                        "update dealscout_scan_health set last_run_at = :now, last_error = :error, last_error_at = :now,"
                                + " consecutive_failures = consecutive_failures + :step where scan_id = :scan and marketplace = :m")
                .param("now", Timestamp.from(now))
                .param("error", shown)
                .param("step", counts ? 1 : 0)
                .param("scan", scan.id())
                .param("m", marketplace.id())
                .update();
        int failures = jdbc.sql("select consecutive_failures from dealscout_scan_health where scan_id = :scan and"
                        + " marketplace = :m")
                .param("scan", scan.id())
                .param("m", marketplace.id())
                .query(Integer.class)
                .single();
        if (counts && failures >= settings.blindAfterRuns() && !alerted(scan.id(), marketplace)) {
            jdbc.sql("update dealscout_scan_health set alerted = true where scan_id = :scan and marketplace = :m")
                    .param("scan", scan.id())
                    .param("m", marketplace.id())
                    .update();
            events.publishEvent(new AlertRaised(
                    scan.merchant(),
                    AlertType.DEALSCOUT_SCAN_BLIND,
                    AlertType.DEALSCOUT_SCAN_BLIND.severity(),
                    subject(scan, marketplace),
                    "Deal scan \"" + scan.spec().name() + "\" has failed on " + marketplace.id() + " " + failures
                            + " runs in a row and sees no listings there: " + shown,
                    Map.of(
                            "scanId", scan.id().toString(),
                            "scanName", scan.spec().name(),
                            "marketplace", marketplace.id(),
                            "consecutiveFailures", Integer.toString(failures),
                            "lastError", shown),
                    now));
        }
    }

    /** Clears the open blind alerts of a scan about to be deleted, in the deleting transaction. */
    void forget(MerchantId merchant, Scan scan, Instant now) {
        for (ScanHealthView view : of(scan.id())) {
            if (view.blind()) {
                events.publishEvent(new AlertCleared(
                        merchant,
                        AlertType.DEALSCOUT_SCAN_BLIND,
                        "scan " + scan.id() + " on " + view.marketplace(),
                        now));
            }
        }
    }

    static String subject(Scan scan, Marketplace marketplace) {
        return "scan " + scan.id() + " on " + marketplace.id();
    }

    private boolean alerted(UUID scan, Marketplace marketplace) {
        return jdbc.sql("select alerted from dealscout_scan_health where scan_id = :scan and marketplace = :m")
                .param("scan", scan)
                .param("m", marketplace.id())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private void ensure(UUID scan, Marketplace marketplace) {
        jdbc.sql("insert into dealscout_scan_health (scan_id, marketplace, consecutive_failures, alerted)"
                        + " select :scan, :m, 0, false where not exists (select 1 from dealscout_scan_health"
                        + " where scan_id = :scan and marketplace = :m)")
                .param("scan", scan)
                .param("m", marketplace.id())
                .update();
    }

    private static @Nullable Instant instant(@Nullable Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
