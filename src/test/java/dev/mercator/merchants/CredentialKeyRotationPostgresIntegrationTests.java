package dev.mercator.merchants;

import dev.mercator.support.PostgresSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Key rotation against PostgreSQL, each test in a schema of its own. */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = "MERCATOR_TEST_POSTGRES_URL", matches = ".+")
class CredentialKeyRotationPostgresIntegrationTests extends CredentialKeyRotationIntegrationTests {

    private static final List<String> schemas = new ArrayList<>();

    @Override
    protected Map<String, String> database() {
        String schema = "mercator_rotation_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        String base = PostgresSchema.baseUrl();
        return Map.of(
                "spring.datasource.url",
                base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username",
                user(),
                "spring.datasource.password",
                password(),
                "spring.flyway.schemas",
                schema,
                "spring.flyway.default-schema",
                schema);
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresSchema.baseUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static String user() {
        String user = System.getenv("MERCATOR_TEST_POSTGRES_USER");
        return user == null ? "postgres" : user;
    }

    private static String password() {
        String password = System.getenv("MERCATOR_TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }
}
