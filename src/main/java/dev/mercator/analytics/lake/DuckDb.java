package dev.mercator.analytics.lake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.springframework.stereotype.Component;

/**
 * The one in-process DuckDB database of the service: in memory (the data lives in the Parquet files and the journal),
 * opened once, with a connection of its own for each write or query. DuckDB's Parquet, JSON and ICU (time zone)
 * extensions are built into the driver; installing others from the network is switched off, so nothing is fetched at
 * run time.
 */
@Component
public class DuckDb implements AutoCloseable {

    private final DuckDBConnection root;

    DuckDb(LakeSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("memory_limit", settings.memoryLimit());
        if (settings.threads() > 0) {
            properties.setProperty("threads", Integer.toString(settings.threads()));
        }
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "true");
        this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    /** A new connection to the shared database; the caller closes it. Temporary tables are the connection's own. */
    public Connection connect() throws SQLException {
        return root.duplicate();
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
