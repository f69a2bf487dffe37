package dev.mercator.inventory;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.util.Map;

/** The kill-and-converge test with the Mercator under test on PostgreSQL. */
@PostgresSuite
class SyncCrashPostgresIntegrationTests extends SyncCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        String schema = PostgresSchema.SCHEMA + "_synccrash";
        String base = PostgresSchema.baseUrl();
        return Map.of(
                "MERCATOR_DB_URL",
                base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "MERCATOR_DB_USER",
                "postgres",
                "SPRING_FLYWAY_SCHEMAS",
                schema,
                "SPRING_FLYWAY_DEFAULT_SCHEMA",
                schema);
    }
}
