package dev.mercator.inventory.sync;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the alert centre about orders and returns that wait for a SKU Mercator does not know, once the oldest of them
 * is older than {@code unmapped-alert-age}, and clears the alert when none of them waits any more (the SKU was created
 * or mapped, and the ledger applied them). One alert per unknown reference ({@code shopify_sku OLD-1}), however many
 * events wait for it. {@code inventory_unmapped_alerts} remembers what the centre was told and changes in the
 * transaction that publishes the news, so each raise and each clear is told exactly once (ADR 17).
 */
@Component
class UnmappedAlerts {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final InventorySettings settings;
    private final Clock clock;

    UnmappedAlerts(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            InventorySettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
    }

    private record Waiting(MerchantId merchant, String refKind, String refValue, long events, Instant oldest) {

        String subject() {
            return UnmappedAlerts.subject(refKind, refValue);
        }
    }

    private record Told(MerchantId merchant, String refKind, String refValue) {

        String subject() {
            return UnmappedAlerts.subject(refKind, refValue);
        }
    }

    /** The reference as a merchant reads it: {@code shopify item 4471}, {@code sku MUG-1}. */
    static String subject(String refKind, String refValue) {
        return refKind.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + refValue;
    }

    /** Raises what has waited too long, clears what no longer waits; returns how many pieces of news it gave. */
    int pass() {
        Integer told = transactions.execute(status -> raiseAged() + clearApplied());
        return told == null ? 0 : told;
    }

    private int raiseAged() {
        Instant now = clock.instant();
        List<Waiting> aged = jdbc.sql("""
                        select u.merchant_id, u.ref_kind, u.ref_value, count(*) as waiting,
                               min(u.received_at) as oldest
                        from inventory_unmapped u
                        where u.applied_at is null and u.received_at < :cutoff
                          and not exists (select 1 from inventory_unmapped_alerts a
                                          where a.merchant_id = u.merchant_id and a.ref_kind = u.ref_kind
                                            and a.ref_value = u.ref_value)
                        group by u.merchant_id, u.ref_kind, u.ref_value
                        order by u.merchant_id, u.ref_kind, u.ref_value
                        limit :limit""")
                .param("cutoff", Timestamp.from(now.minus(settings.unmappedAlertAge())))
                .param("limit", SyncAlerts.BATCH)
                .query((rs, n) -> new Waiting(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getString("ref_kind"),
                        rs.getString("ref_value"),
                        rs.getLong("waiting"),
                        rs.getTimestamp("oldest").toInstant()))
                .list();
        int told = 0;
        for (Waiting waiting : aged) {
            int inserted = jdbc.sql("""
                            insert into inventory_unmapped_alerts (merchant_id, ref_kind, ref_value, raised_at)
                            values (:merchant, :kind, :value, :now) on conflict do nothing""")
                    .param("merchant", waiting.merchant().value())
                    .param("kind", waiting.refKind())
                    .param("value", waiting.refValue())
                    .param("now", Timestamp.from(now))
                    .update();
            if (inserted == 0) {
                continue; // another instance told the centre meanwhile
            }
            events.publishEvent(new AlertRaised(
                    waiting.merchant(),
                    AlertType.INVENTORY_UNMAPPED_AGING,
                    AlertType.INVENTORY_UNMAPPED_AGING.severity(),
                    waiting.subject(),
                    waiting.events() + " order or return event(s) for " + waiting.subject()
                            + " wait for a SKU Mercator does not know, the oldest since " + waiting.oldest()
                            + ": create the SKU or map it, and they are applied",
                    Map.of(
                            "refKind", waiting.refKind(),
                            "refValue", waiting.refValue(),
                            "waitingEvents", Long.toString(waiting.events()),
                            "oldest", waiting.oldest().toString()),
                    now));
            told++;
        }
        return told;
    }

    private int clearApplied() {
        Instant now = clock.instant();
        List<Told> settled = jdbc.sql("""
                        select a.merchant_id, a.ref_kind, a.ref_value from inventory_unmapped_alerts a
                        where not exists (select 1 from inventory_unmapped u
                                          where u.merchant_id = a.merchant_id and u.ref_kind = a.ref_kind
                                            and u.ref_value = a.ref_value and u.applied_at is null)
                        order by a.merchant_id, a.ref_kind, a.ref_value
                        limit :limit""")
                .param("limit", SyncAlerts.BATCH)
                .query((rs, n) -> new Told(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getString("ref_kind"),
                        rs.getString("ref_value")))
                .list();
        int told = 0;
        for (Told done : settled) {
            int deleted = jdbc.sql("""
                            delete from inventory_unmapped_alerts
                            where merchant_id = :merchant and ref_kind = :kind and ref_value = :value""")
                    .param("merchant", done.merchant().value())
                    .param("kind", done.refKind())
                    .param("value", done.refValue())
                    .update();
            if (deleted == 1) {
                events.publishEvent(
                        new AlertCleared(done.merchant(), AlertType.INVENTORY_UNMAPPED_AGING, done.subject(), now));
                told++;
            }
        }
        return told;
    }
}
