package dev.mercator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mercator.MercatorApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/** Start-up refuses a provider that cannot work, naming the setting to fix. */
@ExtendWith(OutputCaptureExtension.class)
class ProviderModesIntegrationTests {

    @Test
    void liveModeWithoutTheTokenStopsStartUp() {
        Throwable failure = start(
                "--mercator.providers.heartbeat.mode=live",
                "--mercator.providers.heartbeat.base-url=https://heartbeat.example");

        assertThat(rootMessage(failure))
                .contains(
                        "mercator.providers.heartbeat.api-token (MERCATOR_HEARTBEAT_API_TOKEN) is required in live mode")
                .doesNotContain("base-url");
    }

    @Test
    void anUnknownModeStopsStartUpNamingTheAllowedValues() {
        Throwable failure = start("--mercator.providers.heartbeat.mode=staging");

        assertThat(rootMessage(failure))
                .contains("mercator.providers.heartbeat.mode (MERCATOR_HEARTBEAT_MODE) must be one of sandbox, live")
                .contains("'staging'");
    }

    private static Throwable start(String... overrides) {
        // Command-line arguments, not SpringApplicationBuilder.properties(): those are defaults, and application.yml
        // would win over them.
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--mercator.demo.enabled=false"));
        args.addAll(List.of(overrides));
        Throwable failure = catchThrowable(() -> {
            ConfigurableApplicationContext started =
                    new SpringApplicationBuilder(MercatorApplication.class).run(args.toArray(String[]::new));
            started.close();
        });
        assertThat(failure).as("start-up should have failed").isNotNull();
        return failure;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return String.valueOf(root.getMessage());
    }
}
