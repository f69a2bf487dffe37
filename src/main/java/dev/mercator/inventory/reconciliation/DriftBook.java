package dev.mercator.inventory.reconciliation;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of {@code inventory_drifts}, {@code inventory_drift_streaks} and {@code inventory_drift_suspects}, and what the alert centre hears of
 * drift. A drift's re-push, its record, its streak and its alert commit in one transaction, so the centre hears of
 * every drift that was repaired and of none that was not; a streak's alerts are cleared in the transaction that ends
 * it. Only one run per merchant runs at a time ({@link ReconciliationRuns}), so a merchant's streaks have one writer.
 */
@Component
class DriftBook {

    private final JdbcClient jdbc;
    private final ChannelOutbox outbox;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ReconciliationSettings settings;
    private final Clock clock;

    DriftBook(
            JdbcClient jdbc,
            ChannelOutbox outbox,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            ReconciliationSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
    }

    /** A (SKU, channel)'s streak: how many runs in a row found it drifted, and which alerts are open for it. */
    record Streak(int runsInARow, boolean infoOpen, boolean warningOpen) {}

    /** A lower quantity read at {@code seenAt} while an order on the channel might not have reached Mercator yet. */
    record Suspect(long changeSeq, int shown, Instant seenAt) {}

    /** The merchant's suspects on the channel among {@code skus}, by SKU. */
    Map<String, Suspect> suspects(MerchantId merchant, Channel channel, Collection<String> skus) {
        Map<String, Suspect> suspects = new HashMap<>();
        if (skus.isEmpty()) {
            return suspects;
        }
        jdbc.sql("""
                        select sku, change_seq, shown, seen_at from inventory_drift_suspects
                        where merchant_id = :merchant and channel = :channel and sku in (:skus)""")
                .param("merchant", merchant.value())
                .param("channel", channel.id())
                .param("skus", skus)
                .query((rs, n) -> suspects.put(
                        rs.getString("sku"),
                        new Suspect(
                                rs.getLong("change_seq"),
                                rs.getInt("shown"),
                                rs.getTimestamp("seen_at").toInstant())))
                .list();
        return suspects;
    }

    /** Keeps (or replaces) the row's suspect: judged by a later run, once the channel's orders are applied past it. */
    void suspect(ChannelOutbox.Seen row, int shown, Instant seenAt) {
        transactions.executeWithoutResult(status -> {
            forget(row.merchant(), row.sku(), row.channel());
            jdbc.sql("""
                            insert into inventory_drift_suspects (merchant_id, sku, channel, change_seq, shown, seen_at)
                            values (:merchant, :sku, :channel, :seq, :shown, :seen)""")
                    .param("merchant", row.merchant().value())
                    .param("sku", row.sku())
                    .param("channel", row.channel().id())
                    .param("seq", row.changeSeq())
                    .param("shown", shown)
                    .param("seen", Timestamp.from(seenAt))
                    .update();
        });
    }

    private void forget(MerchantId merchant, String sku, Channel channel) {
        jdbc.sql("""
                        delete from inventory_drift_suspects
                        where merchant_id = :merchant and sku = :sku and channel = :channel""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .param("channel", channel.id())
                .update();
    }

    /** The merchant's streaks on the channel among {@code skus}, by SKU. */
    Map<String, Streak> streaks(MerchantId merchant, Channel channel, Collection<String> skus) {
        Map<String, Streak> streaks = new HashMap<>();
        if (skus.isEmpty()) {
            return streaks;
        }
        jdbc.sql("""
                        select sku, runs_in_a_row, info_open, warning_open from inventory_drift_streaks
                        where merchant_id = :merchant and channel = :channel and sku in (:skus)""")
                .param("merchant", merchant.value())
                .param("channel", channel.id())
                .param("skus", skus)
                .query((rs, n) -> streaks.put(
                        rs.getString("sku"),
                        new Streak(
                                rs.getInt("runs_in_a_row"), rs.getBoolean("info_open"), rs.getBoolean("warning_open"))))
                .list();
        return streaks;
    }

    /**
     * The channel shows {@code shown} where it confirmed {@code expected}: pushes again through the outbox, records the
     * drift, extends the streak and raises its alerts. Returns false, changing nothing, if a change reached the row
     * while the channel was being read (then the difference is explained).
     */
    boolean found(ReconciliationRuns.Run run, ChannelOutbox.Seen row, int expected, int shown, Streak before) {
        Boolean landed = transactions.execute(status -> {
            Instant now = clock.instant();
            if (!outbox.driftFound(row, expected, shown, now)) {
                return false;
            }
            forget(row.merchant(), row.sku(), row.channel());
            jdbc.sql("""
                            insert into inventory_drifts (run_id, merchant_id, sku, channel, expected, shown, repaired, found_at)
                            values (:run, :merchant, :sku, :channel, :expected, :shown, true, :now)""")
                    .param("run", run.id())
                    .param("merchant", row.merchant().value())
                    .param("sku", row.sku())
                    .param("channel", row.channel().id())
                    .param("expected", expected)
                    .param("shown", shown)
                    .param("now", Timestamp.from(now))
                    .update();
            int runs = before.runsInARow() + 1;
            boolean warn = runs >= settings.warnAfter();
            saveStreak(run, row, new Streak(runs, true, warn || before.warningOpen()), before.runsInARow() > 0, now);
            String subject = subject(row.sku(), row.channel());
            Map<String, String> details = Map.of(
                    "sku", row.sku(),
                    "channel", row.channel().id(),
                    "expected", Integer.toString(expected),
                    "shown", Integer.toString(shown),
                    "runsInARow", Integer.toString(runs),
                    "runId", run.id().toString());
            events.publishEvent(new AlertRaised(
                    row.merchant(),
                    AlertType.INVENTORY_DRIFT,
                    AlertType.INVENTORY_DRIFT.severity(),
                    subject,
                    row.channel().id() + " showed " + shown + " of " + row.sku() + " where it had confirmed " + expected
                            + "; Mercator pushed its count again",
                    details,
                    now));
            if (warn) {
                events.publishEvent(new AlertRaised(
                        row.merchant(),
                        AlertType.INVENTORY_DRIFT_REPEATED,
                        AlertType.INVENTORY_DRIFT_REPEATED.severity(),
                        subject,
                        row.sku() + " drifted on " + row.channel().id() + " in " + runs
                                + " reconciliation runs in a row: something outside Mercator keeps changing it",
                        details,
                        now));
            }
            return true;
        });
        return Boolean.TRUE.equals(landed);
    }

    /** The channel shows what it confirmed: the streak ends and its alerts are resolved. */
    void inStep(MerchantId merchant, String sku, Channel channel, Streak before) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.sql("""
                            delete from inventory_drift_streaks
                            where merchant_id = :merchant and sku = :sku and channel = :channel""")
                    .param("merchant", merchant.value())
                    .param("sku", sku)
                    .param("channel", channel.id())
                    .update();
            forget(merchant, sku, channel);
            String subject = subject(sku, channel);
            if (before.infoOpen()) {
                events.publishEvent(new AlertCleared(merchant, AlertType.INVENTORY_DRIFT, subject, now));
            }
            if (before.warningOpen()) {
                events.publishEvent(new AlertCleared(merchant, AlertType.INVENTORY_DRIFT_REPEATED, subject, now));
            }
        });
    }

    private void saveStreak(
            ReconciliationRuns.Run run, ChannelOutbox.Seen row, Streak streak, boolean exists, Instant now) {
        String sql = exists ? """
                update inventory_drift_streaks
                set runs_in_a_row = :runs, info_open = :info, warning_open = :warning, last_run_id = :run,
                    updated_at = :now
                where merchant_id = :merchant and sku = :sku and channel = :channel""" : """
                insert into inventory_drift_streaks
                    (merchant_id, sku, channel, runs_in_a_row, info_open, warning_open, last_run_id, updated_at)
                values (:merchant, :sku, :channel, :runs, :info, :warning, :run, :now)""";
        jdbc.sql(sql)
                .param("runs", streak.runsInARow())
                .param("info", streak.infoOpen())
                .param("warning", streak.warningOpen())
                .param("run", run.id())
                .param("now", Timestamp.from(now))
                .param("merchant", row.merchant().value())
                .param("sku", row.sku())
                .param("channel", row.channel().id())
                .update();
    }

    static String subject(String sku, Channel channel) {
        return sku + " on " + channel.id();
    }
}
