package dev.mercator.analytics.lake;

import dev.mercator.platform.MerchantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one merchant's events for a query: the Parquet files the manifest lists for it plus its events still waiting
 * in the journal, exposed to the query as a temporary view {@code events} (columns {@code merchant_id, event_id, type,
 * version, occurred_at, received_at, payload}). Figures are therefore current to the last committed event, without
 * waiting for the flusher.
 *
 * <p>The file list and the waiting events are read by one SQL statement, so both come from one snapshot of the
 * database: a flush committing meanwhile is either wholly in it (the file listed, its events not waiting) or wholly
 * not. Two statements could see an event in neither or in both. Only files listed for this merchant are read, so a
 * merchant never sees another's events.
 */
@Component
public class LakeReader {

    private final JdbcClient jdbc;
    private final DuckDb duck;
    private final LakeSettings settings;

    LakeReader(JdbcClient jdbc, DuckDb duck, LakeSettings settings) {
        this.jdbc = jdbc;
        this.duck = duck;
        this.settings = settings;
    }

    /** A query to run against the {@code events} view of one merchant. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T query(MerchantId merchant, Query<T> query) {
        List<String> paths = new ArrayList<>();
        List<EventJournal.Pending> waiting = new ArrayList<>();
        jdbc.sql("""
                        select 'file' as kind, path, null as event_id, null as type, null as version,
                               null as occurred_at, null as received_at, null as payload
                        from analytics_files where merchant_id = :merchant
                        union all
                        select 'event', null, event_id, type, version, occurred_at, received_at, payload
                        from analytics_events where merchant_id = :merchant and file_id is null""").param("merchant", merchant.value()).query(rs -> {
            if ("file".equals(rs.getString("kind"))) {
                paths.add(rs.getString("path"));
            } else {
                waiting.add(new EventJournal.Pending(
                        merchant,
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getInt("version"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getString("payload")));
            }
        });
        try (Connection connection = duck.connect();
                Staging staging = Staging.of(connection, waiting)) {
            String view = "create temporary view events as " + staging.typed();
            if (!paths.isEmpty()) {
                String files = paths.stream()
                        .map(p -> "'"
                                + Flusher.literal(settings.directory()
                                        .resolve(p)
                                        .toAbsolutePath()
                                        .toString()) + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
                // union by name: the files' columns are the staging's typed columns, in whatever order.
                view += " union all by name select merchant_id, event_id, type, version, occurred_at, received_at,"
                        + " payload from read_parquet(" + files + ")";
            }
            // A temporary view is the connection's own, and the connection is this query's alone.
            try (Statement statement = connection.createStatement()) {
                statement.execute(view);
            }
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the analytics query failed for merchant " + merchant, e);
        }
    }
}
