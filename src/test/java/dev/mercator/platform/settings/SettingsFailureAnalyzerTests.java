package dev.mercator.platform.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class SettingsFailureAnalyzerTests {

    @Test
    void valuesOfSecretLookingSettingsAreNeverShown() {
        assertThat(List.of(
                        "mercator.crypto.encryption-key",
                        "mercator.crypto.previous-keys",
                        "mercator.admin-token",
                        "mercator.providers.heartbeat.api-token",
                        "spring.datasource.password",
                        "mercator.sentry.dsn"))
                .allMatch(SettingsBindFailureAnalyzer::looksSecret);
        assertThat(List.of("mercator.rate-limit.per-api-key-per-minute", "mercator.http.max-body-size"))
                .noneMatch(SettingsBindFailureAnalyzer::looksSecret);
    }

    @Test
    void theEnvironmentVariableIsTheOneApplicationYmlReads() {
        MockEnvironment environment = new MockEnvironment();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "application.yml", Map.of("mercator.http.max-body-size", "${MERCATOR_MAX_BODY_SIZE:1MB}")));
        SettingsBindFailureAnalyzer analyzer = new SettingsBindFailureAnalyzer(environment);

        assertThat(analyzer.environmentVariable("mercator.http.max-body-size")).isEqualTo("MERCATOR_MAX_BODY_SIZE");
        // Not in application.yml: Boot's relaxed-binding name.
        assertThat(analyzer.environmentVariable("mercator.outbound.read-timeout"))
                .isEqualTo("MERCATOR_OUTBOUND_READTIMEOUT");
    }

    @Test
    void invalidSettingsAreReportedTogetherWithoutValues() {
        InvalidSettingsException invalid = new InvalidSettingsException(List.of(
                new SettingProblem("mercator.admin-token", "MERCATOR_ADMIN_TOKEN", "is not set"),
                new SettingProblem("spring.datasource.password", "MERCATOR_DB_PASSWORD", "is empty")));

        FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(new IllegalStateException(invalid));

        assertThat(analysis.getDescription()).isEqualTo("""
                        Mercator cannot start: 2 settings need attention:
                          - mercator.admin-token (MERCATOR_ADMIN_TOKEN): is not set
                          - spring.datasource.password (MERCATOR_DB_PASSWORD): is empty""");
        assertThat(analysis.getAction()).contains("environment variables");
    }
}
