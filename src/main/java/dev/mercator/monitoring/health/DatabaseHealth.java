package dev.mercator.monitoring.health;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database, the one component Mercator cannot serve without: a {@code select 1} through the application's own
 * pool, so a pool that is exhausted or cannot connect shows up here as it would for a request.
 */
@Component
class DatabaseHealth implements ComponentHealth {

    private final JdbcTemplate jdbc;
    private final @Nullable HikariDataSource hikari;

    DatabaseHealth(DataSource dataSource, HealthCheckSettings settings) {
        this.hikari = hikari(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        // JDBC timeouts are whole seconds; the report's own timeout still bounds the wait for a connection.
        this.jdbc.setQueryTimeout((int) Math.max(1, settings.checkTimeout().toSeconds()));
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public ComponentStatus check() {
        long started = System.nanoTime();
        try {
            Integer one = jdbc.queryForObject("select 1", Integer.class);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Map<String, Object> facts = poolFacts();
            facts.put("latencyMs", millis);
            return new ComponentStatus(
                    Integer.valueOf(1).equals(one),
                    "select 1 answered in " + millis + " ms",
                    Collections.unmodifiableMap(facts));
        } catch (DataAccessException e) {
            // The exception's message can name the host or user; the class is enough to tell the failures apart.
            return new ComponentStatus(
                    false, "unreachable: " + e.getMostSpecificCause().getClass().getSimpleName(), poolFacts());
        }
    }

    private Map<String, Object> poolFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        HikariPoolMXBean pool = hikari == null ? null : hikari.getHikariPoolMXBean();
        if (hikari != null && pool != null) {
            facts.put("poolActive", pool.getActiveConnections());
            facts.put("poolIdle", pool.getIdleConnections());
            facts.put("poolWaiting", pool.getThreadsAwaitingConnection());
            facts.put("poolMax", hikari.getMaximumPoolSize());
        }
        return facts;
    }

    private static @Nullable HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
