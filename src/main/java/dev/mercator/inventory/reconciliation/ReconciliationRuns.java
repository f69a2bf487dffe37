package dev.mercator.inventory.reconciliation;

import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code inventory_reconciliation_runs}. A run holds its merchant through {@code running_key} (unique,
 * set to the merchant while running), so of any number of requests and instances one run per merchant runs at a time;
 * its lease is renewed after every batch, and a run whose lease lapsed (its instance died) is closed as abandoned when
 * the next one opens.
 */
@Component
class ReconciliationRuns {

    static final String RUNNING = "running";
    static final String FINISHED = "finished";
    static final String FAILED = "failed";
    static final String ABANDONED = "abandoned";

    private static final int MAX_FAILURE = 500;

    private final JdbcClient jdbc;
    private final ReconciliationSettings settings;
    private final Clock clock;

    ReconciliationRuns(JdbcClient jdbc, ReconciliationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** A run as its runner holds it. */
    record Run(UUID id, MerchantId merchant, Trigger trigger) {}

    /** A run as the merchant sees it. {@code skusChecked} counts (SKU, channel) pairs. */
    record RunView(
            UUID id,
            String trigger,
            String state,
            int skusChecked,
            int drifted,
            int repaired,
            int errors,
            int skipped,
            int apiCalls,
            Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String failure) {}

    /** One drift a run found: the channel showed {@code shown} where it had confirmed {@code expected}. */
    record DriftView(String sku, String channel, int expected, int shown, boolean repaired, Instant foundAt) {}

    /** A run with the drifts it found. */
    record RunDetail(
            UUID id,
            String trigger,
            String state,
            int skusChecked,
            int drifted,
            int repaired,
            int errors,
            int skipped,
            int apiCalls,
            Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String failure,
            List<DriftView> drifts) {}

    record Page<T>(List<T> items, int page, int size, long total) {}

    /**
     * Opens a run for the merchant unless one is running. {@code slot} is the scheduled slot it is for (null when asked
     * for over the API); a slot already run gives no run either.
     */
    Optional<Run> open(MerchantId merchant, Trigger trigger, @Nullable Instant slot) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update inventory_reconciliation_runs
                        set state = :abandoned, running_key = null, finished_at = :now,
                            failure = 'the instance running it stopped before it finished'
                        where merchant_id = :merchant and running_key is not null and lease_until < :now""")
                .param("abandoned", ABANDONED)
                .param("now", Timestamp.from(now))
                .param("merchant", merchant.value())
                .update();
        Run run = new Run(UUID.randomUUID(), merchant, trigger);
        try {
            jdbc.sql("""
                            insert into inventory_reconciliation_runs
                                (id, merchant_id, trigger_kind, state, running_key, schedule_slot, lease_until, started_at)
                            values (:id, :merchant, :trigger, :running, :merchant, :slot, :lease, :now)""")
                    .param("id", run.id())
                    .param("merchant", merchant.value())
                    .param("trigger", trigger.id())
                    .param("running", RUNNING)
                    .param("slot", slot == null ? null : Timestamp.from(slot))
                    .param("lease", Timestamp.from(now.plus(settings.lease())))
                    .param("now", Timestamp.from(now))
                    .update();
            return Optional.of(run);
        } catch (DataIntegrityViolationException taken) {
            return Optional.empty();
        }
    }

    /** The merchant's running run, if any. */
    Optional<UUID> running(MerchantId merchant) {
        return jdbc.sql("select id from inventory_reconciliation_runs where running_key = :merchant")
                .param("merchant", merchant.value())
                .query(UUID.class)
                .optional();
    }

    /** Whether the merchant's scheduled slot has had its run (on any instance). */
    boolean slotTaken(MerchantId merchant, Instant slot) {
        return jdbc.sql("""
                                select count(*) from inventory_reconciliation_runs
                                where merchant_id = :merchant and schedule_slot = :slot""")
                        .param("merchant", merchant.value())
                        .param("slot", Timestamp.from(slot))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Stores what the run has done so far and extends its hold on the merchant. False if the run no longer holds it:
     * its lease lapsed and a later run closed it as abandoned, so it must stop.
     */
    boolean progress(Run run, Tally tally) {
        return update(run, tally, "lease_until = :lease", null) > 0;
    }

    void finish(Run run, Tally tally) {
        update(run, tally, "state = '" + FINISHED + "', running_key = null, finished_at = :now", null);
    }

    void fail(Run run, Tally tally, String failure) {
        update(
                run,
                tally,
                "state = '" + FAILED + "', running_key = null, finished_at = :now, failure = :failure",
                failure);
    }

    private int update(Run run, Tally tally, String assignments, @Nullable String failure) {
        Instant now = clock.instant();
        var statement = jdbc.sql("update inventory_reconciliation_runs set " + assignments + """
                        , skus_checked = :checked, drifted = :drifted, repaired = :repaired, errors = :errors,
                          skipped = :skipped, api_calls = :calls
                        where id = :id and running_key is not null""")
                .param("checked", tally.checked)
                .param("drifted", tally.drifted)
                .param("repaired", tally.repaired)
                .param("errors", tally.errors)
                .param("skipped", tally.skipped)
                .param("calls", tally.apiCalls)
                .param("id", run.id());
        if (assignments.contains(":lease")) {
            statement.param("lease", Timestamp.from(now.plus(settings.lease())));
        }
        if (assignments.contains(":now")) {
            statement.param("now", Timestamp.from(now));
        }
        if (failure != null) {
            statement.param("failure", failure.length() <= MAX_FAILURE ? failure : failure.substring(0, MAX_FAILURE));
        }
        return statement.update();
    }

    Page<RunView> page(MerchantId merchant, int page, int size) {
        List<RunView> items = jdbc.sql("""
                        select * from inventory_reconciliation_runs where merchant_id = :merchant
                        order by started_at desc, id limit :limit offset :offset""")
                .param("merchant", merchant.value())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> view(rs))
                .list();
        long total = jdbc.sql("select count(*) from inventory_reconciliation_runs where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query(Long.class)
                .single();
        return new Page<>(items, page, size, total);
    }

    /** The merchant's run with its drifts; empty for another merchant's run. */
    Optional<RunDetail> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from inventory_reconciliation_runs where merchant_id = :merchant and id = :id")
                .param("merchant", merchant.value())
                .param("id", id)
                .query((rs, n) -> view(rs))
                .optional()
                .map(run -> new RunDetail(
                        run.id(),
                        run.trigger(),
                        run.state(),
                        run.skusChecked(),
                        run.drifted(),
                        run.repaired(),
                        run.errors(),
                        run.skipped(),
                        run.apiCalls(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.failure(),
                        drifts(merchant, id)));
    }

    private List<DriftView> drifts(MerchantId merchant, UUID run) {
        return jdbc.sql("""
                        select sku, channel, expected, shown, repaired, found_at from inventory_drifts
                        where merchant_id = :merchant and run_id = :run order by sku, channel""")
                .param("merchant", merchant.value())
                .param("run", run)
                .query((rs, n) -> new DriftView(
                        rs.getString("sku"),
                        rs.getString("channel"),
                        rs.getInt("expected"),
                        rs.getInt("shown"),
                        rs.getBoolean("repaired"),
                        rs.getTimestamp("found_at").toInstant()))
                .list();
    }

    private static RunView view(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunView(
                rs.getObject("id", UUID.class),
                rs.getString("trigger_kind"),
                rs.getString("state"),
                rs.getInt("skus_checked"),
                rs.getInt("drifted"),
                rs.getInt("repaired"),
                rs.getInt("errors"),
                rs.getInt("skipped"),
                rs.getInt("api_calls"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getString("failure"));
    }
}
