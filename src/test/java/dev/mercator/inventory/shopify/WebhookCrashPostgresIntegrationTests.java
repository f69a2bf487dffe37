package dev.mercator.inventory.shopify;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.util.Map;

/** The kill -9 test on PostgreSQL with synchronous commit, the production database. */
@PostgresSuite
class WebhookCrashPostgresIntegrationTests extends WebhookCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        String schema = PostgresSchema.SCHEMA + "_crash";
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
