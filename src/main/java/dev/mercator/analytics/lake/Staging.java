package dev.mercator.analytics.lake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Journal rows loaded into a DuckDB table through the appender (row-by-row INSERTs are orders of magnitude slower), as
 * the flusher writes them to a file and as a query reads the events not yet flushed. The table is the shared
 * database's, under a name of its own, and dropped by {@link #close}.
 */
final class Staging implements AutoCloseable {

    /** The lake's event columns with their types: the Parquet files' schema and the {@code events} view's. */
    static final String TYPED_COLUMNS = """
            merchant_id, event_id, type, version, occurred_at::TIMESTAMPTZ as occurred_at,
            received_at::TIMESTAMPTZ as received_at, payload::JSON as payload""";

    private final Connection connection;
    private final String table;

    private Staging(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    static Staging of(Connection connection, List<EventJournal.Pending> events) throws SQLException {
        String table = "staging_" + UUID.randomUUID().toString().replace("-", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (merchant_id varchar, event_id varchar, type varchar,"
                    + " version integer, occurred_at varchar, received_at varchar, payload varchar)");
        }
        Staging staging = new Staging(connection, table);
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", table)) {
            for (EventJournal.Pending event : events) {
                appender.beginRow()
                        .append(event.merchant().toString())
                        .append(event.id())
                        .append(event.type())
                        .append(event.version())
                        .append(event.occurredAt().toString())
                        .append(event.receivedAt().toString())
                        .append(event.payload())
                        .endRow();
            }
        } catch (SQLException | RuntimeException e) {
            staging.close();
            throw e;
        }
        return staging;
    }

    /** The staged rows with the lake's column types, as a subquery. */
    String typed() {
        return "select " + TYPED_COLUMNS + " from " + table;
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + table);
        }
    }
}
