package dev.mercator.monitoring.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

class TelemetryEnvironmentTests {

    private static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Test
    void jsonFormatWritesConsoleAndFileLogsAsEcs() {
        StandardEnvironment environment = processed(Map.of("MERCATOR_LOG_FORMAT", "json"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
    }

    @Test
    void textFormatLeavesLogsHumanReadable() {
        StandardEnvironment environment = processed(Map.of("MERCATOR_LOG_FORMAT", "text"));

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("logging.structured.format.file")).isNull();
    }

    @Test
    void unknownFormatIsRejectedNamingTheVariableAndTheChoices() {
        assertThatIllegalStateException()
                .isThrownBy(() -> processed(Map.of("MERCATOR_LOG_FORMAT", "xml")))
                .withMessageContaining("MERCATOR_LOG_FORMAT")
                .withMessageContaining("text|json")
                .withMessageContaining("'xml'");
    }

    @Test
    void explicitStructuredFormatStillWins() {
        StandardEnvironment environment =
                processed(Map.of("MERCATOR_LOG_FORMAT", "json", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void applicationYamlGivesTextByDefaultAndJsonInProd() {
        assertThat(withApplicationYaml(Map.of()).getProperty("logging.structured.format.console"))
                .isNull();
        assertThat(withApplicationYaml(Map.of(), "prod").getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
        assertThat(withApplicationYaml(Map.of("MERCATOR_LOG_FORMAT", "text"), "prod")
                        .getProperty("logging.structured.format.console"))
                .isNull();
        assertThat(withApplicationYaml(Map.of("MERCATOR_LOG_FORMAT", "json"))
                        .getProperty("logging.structured.format.file"))
                .isEqualTo("ecs");
    }

    @Test
    void otlpEndpointIsPassedOnOnlyWhenGiven() {
        assertThat(withApplicationYaml(Map.of()).containsProperty(OTLP_ENDPOINT))
                .isFalse();
        assertThat(withApplicationYaml(Map.of("MERCATOR_OTLP_ENDPOINT", "http://collector:4318/v1/traces"))
                        .getProperty(OTLP_ENDPOINT))
                .isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void bootExportsSpansExactlyWhenTheEndpointIsGiven() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OtlpTracingAutoConfiguration.class));

        runner.withInitializer(context -> {
                    context.getEnvironment().getPropertySources().addFirst(env(Map.of()));
                    new TelemetryEnvironment()
                            .postProcessEnvironment(context.getEnvironment(), new SpringApplication());
                })
                .run(context -> assertThat(context).doesNotHaveBean(SpanExporter.class));
        runner.withInitializer(context -> {
                    context.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource(
                                    "test",
                                    Map.of("mercator.tracing.otlp-endpoint", "http://collector:4318/v1/traces")));
                    new TelemetryEnvironment()
                            .postProcessEnvironment(context.getEnvironment(), new SpringApplication());
                })
                .run(context -> assertThat(context).hasSingleBean(SpanExporter.class));
    }

    @Test
    void otlpEndpointMustBeAUrl() {
        assertThatIllegalStateException()
                .isThrownBy(() -> withApplicationYaml(Map.of("MERCATOR_OTLP_ENDPOINT", "collector:4318")))
                .withMessageContaining("MERCATOR_OTLP_ENDPOINT");
    }

    @Test
    void sentryIsConfiguredOnlyWithADsn() {
        assertThat(withApplicationYaml(Map.of()).containsProperty("sentry.dsn")).isFalse();
        assertThat(withApplicationYaml(Map.of("MERCATOR_SENTRY_DSN", "https://key@sentry.example/1"))
                        .getProperty("sentry.dsn"))
                .isEqualTo("https://key@sentry.example/1");
        assertThat(withApplicationYaml(Map.of()).getProperty("sentry.send-default-pii"))
                .isEqualTo("false");
    }

    /** Only the given environment variables, then the processor. */
    private static StandardEnvironment processed(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(env(variables));
        new TelemetryEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    /** application.yml loaded as at start-up, with the given environment variables and profiles, then the processor. */
    private static StandardEnvironment withApplicationYaml(Map<String, Object> variables, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(env(variables));
        ConfigDataEnvironmentPostProcessor.applyTo(
                environment, new DefaultResourceLoader(), new DefaultBootstrapContext(), List.of(profiles));
        new TelemetryEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    /** Stands in for the process environment, which a test cannot set. */
    private static SystemEnvironmentPropertySource env(Map<String, Object> variables) {
        return new SystemEnvironmentPropertySource("test-environment", variables);
    }
}
