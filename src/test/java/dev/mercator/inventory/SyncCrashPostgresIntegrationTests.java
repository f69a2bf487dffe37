package dev.mercator.inventory;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.util.Map;

/** The kill-and-converge test with the Mercator under test on PostgreSQL. */
@PostgresSuite
class SyncCrashPostgresIntegrationTests extends SyncCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        return PostgresSchema.processEnvironment("synccrash");
    }
}
