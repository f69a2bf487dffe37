package dev.mercator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.http.heartbeat.HeartbeatSettings;
import dev.mercator.support.IntegrationTest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** With the sandbox off (as in the prod profile) nothing of it is served. */
@TestPropertySource(properties = "mercator.sandbox.enabled=false")
class SandboxDisabledIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void simulatorsAreNotServed() {
        assertThat(api.get("/sandbox/heartbeat/v1/ping", "Authorization", "Bearer " + HeartbeatSettings.SANDBOX_TOKEN)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void faultEndpointsDoNotExist() {
        assertThat(admin.get("/api/admin/sandbox/heartbeat/faults").status()).isEqualTo(404);
        assertThat(admin.post("/api/admin/sandbox/heartbeat/faults", Map.of("outage", true))
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/admin/sandbox/heartbeat/faults").status()).isEqualTo(404);
    }

    @Test
    void sandboxModeProvidersAreLeftOutOfHealth() {
        assertThat(context.getBeansOfType(ComponentHealth.class).values())
                .filteredOn(health -> health.name().equals("provider:heartbeat"))
                .singleElement()
                .satisfies(health -> assertThat(health.enabled()).isFalse());
    }

    @Test
    void noSandboxBeanExistsButItsSettings() {
        // Catches a future simulator that forgets @ConditionalOnSandbox and would be served in production.
        assertThat(Arrays.stream(context.getBeanDefinitionNames())
                        .map(context::getType)
                        .filter(type -> type != null
                                && type.getPackageName().startsWith(SimulatedProvider.class.getPackageName())))
                .containsExactly(SandboxSettings.class);
    }
}
