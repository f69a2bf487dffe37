package dev.mercator.inventory.returns;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The kill-mid-report test with the Mercator under test on PostgreSQL. PostgreSQL has no dirty reads, so "in the
 * middle of the document" is read from the server instead: another session has held a row-exclusive lock on
 * inventory_returns (it has inserted and not committed) for half a second, and no FBA row of the merchant is committed
 * yet; after the kill the base test checks that none was.
 */
@PostgresSuite
class AmazonReturnsCrashPostgresIntegrationTests extends AmazonReturnsCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        return PostgresSchema.processEnvironment("returnscrash");
    }

    @Override
    protected Connection connect(Map<String, String> database) throws SQLException {
        return DriverManager.getConnection(database.get("MERCATOR_DB_URL"), database.get("MERCATOR_DB_USER"), "");
    }

    @Override
    protected boolean midDocument(Connection connection, String merchantId, int total) throws SQLException {
        // The session that has inserted into inventory_returns and not committed, for half a second already: the
        // document's transaction, well into its rows (the poller writes nothing else there in this test).
        long inFlight = single(
                connection,
                "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                        + " where l.relation = 'inventory_returns'::regclass and l.mode = 'RowExclusiveLock'"
                        + " and l.granted and l.pid <> pg_backend_pid()"
                        + " and a.xact_start < clock_timestamp() - interval '500 milliseconds'");
        long committed = count(
                connection,
                "select count(*) from inventory_returns where merchant_id = ? and origin = 'amazon_fba_report'",
                merchantId);
        return inFlight > 0 && committed == 0;
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
