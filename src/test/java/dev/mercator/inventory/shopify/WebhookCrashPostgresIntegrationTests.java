package dev.mercator.inventory.shopify;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.util.Map;

/** The kill -9 test on PostgreSQL with synchronous commit, the production database. */
@PostgresSuite
class WebhookCrashPostgresIntegrationTests extends WebhookCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        return PostgresSchema.processEnvironment("crash");
    }
}
