package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.redis.RedisConnections;
import dev.mercator.support.Api;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class DetailedHealthIntegrationTests extends MonitoringIntegrationTest {

    @Autowired
    MonitoringTestBeans.SwitchableComponent switchable;

    @Autowired
    RedisConnections redis;

    @Test
    void everyComponentUpMeansUp() {
        Api.Response health = admin.get("/health/detailed");

        assertThat(health.status()).isEqualTo(200);
        JsonNode report = health.json();
        assertThat(report.get("status").asString()).isEqualTo("UP");
        assertThat(Instant.parse(report.get("checkedAt").asString())).isBeforeOrEqualTo(Instant.now());
        JsonNode database = report.get("components").get("database");
        assertThat(database.get("status").asString()).isEqualTo("UP");
        assertThat(database.get("critical").asBoolean()).isTrue();
        assertThat(database.get("detail").asString()).startsWith("select 1 answered");
        assertThat(database.get("facts").get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(database.get("facts").has("poolMax")).isTrue();
        assertThat(report.get("components")
                        .get("test:switchable")
                        .get("critical")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void workersReportThemselves() {
        JsonNode worker = admin.get("/health/detailed").json().get("components").get("worker:test-ticker");

        assertThat(worker.get("status").asString()).isEqualTo("UP");
        assertThat(worker.get("critical").asBoolean()).isFalse();
        assertThat(worker.get("facts").has("runs")).isTrue();
        assertThat(worker.get("facts").has("failures")).isTrue();
    }

    @Test
    void nonCriticalComponentDownDegradesButStillAnswers200() {
        switchable.up(false);
        try {
            Api.Response health = admin.get("/health/detailed");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
            JsonNode component = health.json().get("components").get("test:switchable");
            assertThat(component.get("status").asString()).isEqualTo("DOWN");
            assertThat(component.get("detail").asString()).isEqualTo("switched off by a test");
            assertThat(health.json()
                            .get("components")
                            .get("database")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
        } finally {
            switchable.up(true);
        }
    }

    @Test
    void redisIsReportedOnlyWhenConfigured() {
        JsonNode components = admin.get("/health/detailed").json().get("components");

        assertThat(components.has("redis")).isEqualTo(redis.configured());
        if (redis.configured()) {
            assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
            assertThat(components.get("redis").get("critical").asBoolean()).isFalse();
        }
    }

    @Test
    void onlyTheOperatorMaySeeIt() {
        Tenant merchant = newMerchant("Curious Merchant");

        assertThat(api.get("/health/detailed").status()).isEqualTo(401);
        assertThat(merchant.api().get("/health/detailed").status()).isEqualTo(403);
    }
}
