package dev.mercator.inventory.sync;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the alert centre when a (SKU, channel) falls into the error state and when it is back in sync. Done in a pass
 * of its own, off the push path: the outbox's transitions stay one statement each, and a push that succeeds costs no
 * event. {@code alert_open} on the row remembers what the centre was told, and each change of it is made in the same
 * transaction that publishes the event, so the centre hears every fall and every recovery exactly once (ADR 17).
 */
@Component
class SyncAlerts {

    /** At most this many pieces of news per pass; the rest come in the next one. */
    static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SyncAlerts(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    private record Row(
            MerchantId merchant,
            Channel channel,
            String sku,
            @Nullable String reason) {

        String subject() {
            return sku + " on " + channel.id();
        }
    }

    /** Raises an alert for every newly failing row and clears it for every row back in sync; returns how many. */
    int pass() {
        Integer told = transactions.execute(status -> raiseNewErrors() + clearRecovered());
        return told == null ? 0 : told;
    }

    private int raiseNewErrors() {
        int told = 0;
        Instant now = clock.instant();
        for (Row row : rows("not alert_open and sync_state = :state", SyncState.ERROR)) {
            if (flip(row, true, SyncState.ERROR)) {
                String reason = row.reason() == null ? "no reason given" : row.reason();
                events.publishEvent(new AlertRaised(
                        row.merchant(),
                        AlertType.SYNC_PUSH_FAILED,
                        AlertType.SYNC_PUSH_FAILED.severity(),
                        row.subject(),
                        "Stock of " + row.sku() + " is not reaching "
                                + row.channel().id() + ": " + reason,
                        Map.of("sku", row.sku(), "channel", row.channel().id(), "reason", reason),
                        now));
                told++;
            }
        }
        return told;
    }

    private int clearRecovered() {
        int told = 0;
        Instant now = clock.instant();
        for (Row row : rows("alert_open and sync_state = :state", SyncState.IN_SYNC)) {
            if (flip(row, false, SyncState.IN_SYNC)) {
                events.publishEvent(new AlertCleared(row.merchant(), AlertType.SYNC_PUSH_FAILED, row.subject(), now));
                told++;
            }
        }
        return told;
    }

    private List<Row> rows(String condition, SyncState state) {
        return jdbc.sql("select merchant_id, channel, sku, error_reason from inventory_channels where " + condition
                        + " order by merchant_id, sku, channel limit :limit")
                .param("state", state.id())
                .param("limit", BATCH)
                .query((rs, n) -> new Row(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        Channel.of(rs.getString("channel")),
                        rs.getString("sku"),
                        rs.getString("error_reason")))
                .list();
    }

    /** Records what the centre is told, if the row is still as it was read (a push may have moved it meanwhile). */
    private boolean flip(Row row, boolean open, SyncState state) {
        return jdbc.sql("""
                        update inventory_channels set alert_open = :open
                        where merchant_id = :merchant and channel = :channel and sku = :sku
                          and alert_open = :wasOpen and sync_state = :state""")
                        .param("open", open)
                        .param("wasOpen", !open)
                        .param("state", state.id())
                        .param("merchant", row.merchant().value())
                        .param("channel", row.channel().id())
                        .param("sku", row.sku())
                        .update()
                == 1;
    }
}
