package dev.mercator.dealscout.watch;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes past days: every watch whose daily cap held deals back on a day that is over gets one digest alert listing
 * them. The held rows move to {@code digested} in the transaction that publishes the digest, under the watch's lock,
 * so a day is digested once even by two instances passing at the same moment.
 */
@Component
class DealDigests {

    private final JdbcClient jdbc;
    private final Watches watches;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    DealDigests(JdbcClient jdbc, Watches watches, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.watches = watches;
        this.events = events;
        this.transactions = transactions;
    }

    private record Pending(UUID watch, LocalDate day, String zone) {}

    /**
     * Digests every (watch, day) with held deals on a day that is over in the watch's time zone; returns how many
     * digests.
     */
    int pass(Instant now) {
        // The latest any zone's today can be is UTC's today + 1 (UTC+14): held days before that are candidates.
        LocalDate latestToday = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
        List<Pending> pending = jdbc.sql("select distinct a.watch_id, a.day_key, w.time_zone"
                        + " from dealscout_deal_alerts a join dealscout_watches w on w.id = a.watch_id"
                        + " where a.status = 'held' and a.day_key < :latest order by a.day_key, a.watch_id")
                .param("latest", latestToday)
                .query((rs, n) -> new Pending(
                        rs.getObject("watch_id", UUID.class),
                        rs.getObject("day_key", LocalDate.class),
                        rs.getString("time_zone")))
                .list();
        int sent = 0;
        for (Pending item : pending) {
            if (!item.day().isBefore(LocalDate.ofInstant(now, ZoneId.of(item.zone())))) {
                continue;
            }
            Boolean done = transactions.execute(status -> digest(item, now));
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean digest(Pending item, Instant now) {
        if (!watches.lock(item.watch())) {
            return false;
        }
        UUID merchantId = jdbc.sql("select merchant_id from dealscout_watches where id = :id")
                .param("id", item.watch())
                .query(UUID.class)
                .single();
        Watch watch = watches.find(new dev.mercator.platform.MerchantId(merchantId), item.watch())
                .orElseThrow();
        List<DealAlerts.DealAlert> held = jdbc.sql("select * from dealscout_deal_alerts where watch_id = :watch"
                        + " and day_key = :day and status = 'held' order by created_at, id")
                .param("watch", item.watch())
                .param("day", item.day())
                .query(DealAlerts::row)
                .list();
        if (held.isEmpty()) {
            return false;
        }
        UUID digestId = UUID.randomUUID();
        jdbc.sql("update dealscout_deal_alerts set status = 'digested', digest_id = :digest"
                        + " where watch_id = :watch and day_key = :day and status = 'held'")
                .param("digest", digestId)
                .param("watch", item.watch())
                .param("day", item.day())
                .update();
        events.publishEvent(DealNotices.digest(watch, item.day(), digestId, held, now));
        return true;
    }

    /** Runs the digest pass; off with {@code mercator.dealscout.watches.digest-worker-enabled=false}. */
    @Component
    @ConditionalOnProperty(
            name = "mercator.dealscout.watches.digest-worker-enabled",
            havingValue = "true",
            matchIfMissing = true)
    static class DigestWorker extends PeriodicWorker {

        private final DealDigests digests;
        private final Clock clock;

        DigestWorker(DealDigests digests, WatchSettings settings, Clock clock) {
            super("dealscout-digests", settings.digestTick());
            this.digests = digests;
            this.clock = clock;
        }

        @Override
        protected void runOnce() {
            digests.pass(clock.instant());
        }
    }
}
