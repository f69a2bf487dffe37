package dev.mercator.inventory;

import dev.mercator.support.PostgresSchema;
import dev.mercator.support.PostgresSuite;
import java.util.Map;

/** The model schedule with a kill at a random moment, with the Mercator under test on PostgreSQL. */
@PostgresSuite
class SyncModelCrashPostgresIntegrationTests extends SyncModelCrashIntegrationTests {

    @Override
    protected Map<String, String> database() {
        return PostgresSchema.processEnvironment("modelcrash");
    }
}
