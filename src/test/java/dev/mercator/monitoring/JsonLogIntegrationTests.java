package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.MercatorApplication;
import dev.mercator.support.Api;
import dev.mercator.support.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code MERCATOR_LOG_FORMAT=json} end to end: the application started as an operator would, in a JVM of its own with
 * the variable set. Logging is set up once per JVM, so switching it inside the shared test JVM would leak JSON into
 * every later suite.
 */
class JsonLogIntegrationTests {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyLineIsJsonAndRequestLinesCarryTheRequestAndTraceIds() throws Exception {
        int port = freePort();
        Process app = start(port);
        List<String> stdout = collect(app.inputReader());
        List<String> stderr = collect(app.errorReader());
        try {
            Api api = new Api(port);
            await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(app.isAlive())
                        .as("application exited: %s %s", stdout, stderr)
                        .isTrue();
                return answers(api);
            });
            String requestId = "json-" + UUID.randomUUID();

            Api.Response response = api.get("/actuator/health/liveness", "X-Request-Id", requestId);

            assertThat(response.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> stdout.stream().anyMatch(line -> line.contains(requestId)));
            JsonNode slowRequest = stdout.stream()
                    .filter(line -> line.contains(requestId))
                    .map(JSON::readTree)
                    .findFirst()
                    .orElseThrow();
            assertThat(slowRequest.get("requestId").asString()).isEqualTo(requestId);
            assertThat(slowRequest.get("message").asString())
                    .matches("Slow request: GET /actuator/health/\\S+ answered 200 in \\d+ ms");
            assertThat(slowRequest.get("traceId").asString()).matches("[0-9a-f]{32}");
            assertThat(slowRequest.get("spanId").asString()).matches("[0-9a-f]{16}");
            assertThat(stdout)
                    .as("every line on stdout is a JSON object")
                    .isNotEmpty()
                    .allSatisfy(line ->
                            assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static Process start(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                ServiceProcess.mainClasspath(),
                "-XX:TieredStopAtLevel=1",
                MercatorApplication.class.getName());
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(name -> name.startsWith("MERCATOR_")
                        || name.startsWith("SPRING_")
                        || name.startsWith("LOGGING_")
                        || name.startsWith("SENTRY_")
                        || name.startsWith("OTEL_"));
        environment.put("MERCATOR_LOG_FORMAT", "json");
        environment.put("MERCATOR_PORT", Integer.toString(port));
        environment.put(
                "MERCATOR_DB_URL",
                "jdbc:h2:mem:json-logs;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        environment.put("MERCATOR_DEMO_ENABLED", "false");
        // Every request counts as slow, so the request below is sure to write a line of its own.
        environment.put("MERCATOR_SLOW_REQUEST_THRESHOLD", "0ms");
        return builder.start();
    }

    private static List<String> collect(BufferedReader output) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (output) {
                output.lines().filter(line -> !line.isBlank()).forEach(lines::add);
            } catch (IOException | UncheckedIOException closed) {
                // The process has ended.
            }
        });
        return lines;
    }

    private static boolean answers(Api api) {
        try {
            return api.get("/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
