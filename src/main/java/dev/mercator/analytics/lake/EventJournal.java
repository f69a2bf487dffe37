package dev.mercator.analytics.lake;

import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal of accepted events: the durable record the intake commits before it answers, and the flusher's queue.
 * Its primary key (merchant, event id) is what makes the intake idempotent, also for the same batch sent twice at
 * once.
 */
@Component
public class EventJournal {

    private static final Logger log = LoggerFactory.getLogger(EventJournal.class);
    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EventJournal(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Journals a merchant's events in one transaction and says, for each in order, whether it was new ({@code true}) or
     * a duplicate of one already journaled, earlier or in this same list ({@code false}). When this returns, the new
     * ones are committed.
     *
     * <p>Events are inserted in id order, so two batches holding the same ids take their row locks in the same order
     * and one waits for the other instead of deadlocking; on PostgreSQL the waiting insert then finds the committed
     * row and does nothing. H2 may report that race as a duplicate key instead, and any database may still pick a
     * deadlock victim among batches of different ids: the whole transaction is then retried, when the rows the other
     * batch committed count as duplicates.
     */
    public List<Boolean> append(MerchantId merchant, List<NewEvent> events) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Boolean> stored = transactions.execute(status -> insert(merchant, events));
                if (stored == null) {
                    throw new IllegalStateException("the journal transaction returned nothing");
                }
                return stored;
            } catch (DuplicateKeyException | ConcurrencyFailureException race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
                log.debug("Journal insert for merchant {} met a concurrent batch; retrying", merchant, race);
            }
        }
    }

    private List<Boolean> insert(MerchantId merchant, List<NewEvent> events) {
        Instant now = clock.instant();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> events.get(i).id()));
        Boolean[] stored = new Boolean[events.size()];
        for (int i : order) {
            NewEvent event = events.get(i);
            int inserted = jdbc.sql("""
                            insert into analytics_events
                                (merchant_id, event_id, type, version, occurred_at, received_at, payload)
                            values (:merchant, :id, :type, :version, :occurred, :received, :payload)
                            on conflict do nothing""")
                    .param("merchant", merchant.value())
                    .param("id", event.id())
                    .param("type", event.type())
                    .param("version", event.version())
                    .param("occurred", Timestamp.from(event.occurredAt()))
                    .param("received", Timestamp.from(now))
                    .param("payload", event.payload())
                    .update();
            stored[i] = inserted == 1;
        }
        return List.of(stored);
    }

    /** An event waiting in the journal for the flusher. */
    record Pending(
            MerchantId merchant,
            String id,
            String type,
            int version,
            Instant occurredAt,
            Instant receivedAt,
            String payload) {}

    /** The oldest events not yet in a file, at most {@code limit}. */
    List<Pending> unflushed(int limit) {
        return jdbc.sql("""
                        select merchant_id, event_id, type, version, occurred_at, received_at, payload
                        from analytics_events where file_id is null order by seq limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Pending(
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getInt("version"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getString("payload")))
                .list();
    }

    /**
     * Marks a merchant's events as written to {@code file}, if none of them has been claimed by another flusher;
     * returns how many were marked. Run inside the transaction that records the file.
     */
    int claim(MerchantId merchant, List<String> ids, UUID file) {
        return jdbc.sql("""
                        update analytics_events set file_id = :file
                        where merchant_id = :merchant and event_id in (:ids) and file_id is null""")
                .param("file", file)
                .param("merchant", merchant.value())
                .param("ids", ids)
                .update();
    }
}
