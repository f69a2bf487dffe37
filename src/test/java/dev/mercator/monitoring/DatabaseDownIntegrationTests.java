package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The database going away, in a context of its own that the tests break: first hung (the pool suspended, so a
 * connection never comes), then gone (the in-memory database shut down, and the URL forbids creating a new empty one).
 */
@ContextConfiguration(initializers = DatabaseDownIntegrationTests.ExistingDatabaseOnly.class)
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.allow-pool-suspension=true",
            // Fail fast once the database is gone, instead of waiting the default 30 s for a connection.
            "spring.datasource.hikari.connection-timeout=250",
        })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseDownIntegrationTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void hungDatabaseIsDownWithinTheCheckTimeoutAndRecovers() {
        HikariPoolMXBean pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
        pool.suspendPool();
        try {
            Api.Response health = admin.get("/health/detailed");

            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            JsonNode database = health.json().get("components").get("database");
            assertThat(database.get("status").asString()).isEqualTo("DOWN");
            assertThat(database.get("critical").asBoolean()).isTrue();
            assertThat(database.get("detail").asString()).isEqualTo("no answer within 2000 ms");
            // Liveness does not depend on the database: an outage must not get every instance restarted.
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            pool.resumePool();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/health/detailed").status() == 200);
    }

    @Test
    @Order(2)
    void lostDatabaseIsDown() {
        try {
            jdbc.sql("SHUTDOWN").update();
        } catch (DataAccessException closedUnderUs) {
            // H2 may close the very connection that asked it to shut down.
        }

        Api.Response health = admin.get("/health/detailed");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
        JsonNode database = health.json().get("components").get("database");
        assertThat(database.get("status").asString()).isEqualTo("DOWN");
        assertThat(database.get("detail").asString()).startsWith("unreachable: ");
    }

    /** A private in-memory database that exists before the pool opens it, and cannot silently come back empty. */
    static final class ExistingDatabaseOnly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = "jdbc:h2:mem:down-" + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            try (Connection created = DriverManager.getConnection(url, "sa", "")) {
                // Opening it is what creates it.
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "existing-database-only", Map.of("spring.datasource.url", url + ";IFEXISTS=TRUE")));
        }
    }
}
