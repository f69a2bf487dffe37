package dev.mercator.inventory.shopify;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** The kill-during-a-group test on PostgreSQL with synchronous commit, the production database. */
@PostgresSuite
class WebhookGroupCrashPostgresIntegrationTests extends WebhookGroupCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        return PostgresSchema.processEnvironment("group_crash");
    }

    @Override
    protected Connection connect(Map<String, String> database) throws SQLException {
        String password = System.getenv("MERCATOR_TEST_POSTGRES_PASSWORD");
        return DriverManager.getConnection(
                database.get("MERCATOR_DB_URL"), database.get("MERCATOR_DB_USER"), password == null ? "" : password);
    }

    @Override
    protected String blockedSessions() {
        return "select count(*) from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))";
    }
}
