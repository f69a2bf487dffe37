package dev.mercator.support;

import dev.mercator.MercatorApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Mercator as a separate operating-system process, for what a test JVM cannot do to itself: kill it with SIGKILL
 * mid-work, restart it on the same database, or run it with process-wide settings (log format).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Mercator with these environment variables (on top of a clean environment) and waits until it serves. */
    public static ServiceProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        return start(environment, freePort());
    }

    /** Starts on a given port: a restarted process keeps the address its peers (webhook senders) know. */
    public static ServiceProcess start(Map<String, String> environment, int port)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("mercator-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        mainClasspath(),
                        "-XX:TieredStopAtLevel=1",
                        MercatorApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MERCATOR_") || name.startsWith("SPRING_"));
        env.put("MERCATOR_PORT", Integer.toString(port));
        env.put("MERCATOR_DEMO_ENABLED", "false");
        env.putAll(environment);
        ServiceProcess started = new ServiceProcess(builder.start(), port, log);
        // Generous: a start usually takes seconds, but on two loaded cores (CI, or a benchmark beside the suite) a
        // cold JVM has been seen to need more than 90 s, and a start that is only slow is not a failure.
        try {
            started.awaitReady(Duration.ofSeconds(240));
        } catch (IllegalStateException notReady) {
            // A process that never became ready must not outlive the test that started it.
            started.kill();
            throw notReady;
        }
        return started;
    }

    /** The application's own classpath: the test JVM's, without the test classes, which are not part of the product. */
    public static String mainClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, exactly like a crashed host process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        Api api = api();
        if (!Eventually.holds(timeout, Duration.ofMillis(200), () -> ready(api))) {
            throw new IllegalStateException("Mercator did not become ready in " + timeout + ":\n" + output());
        }
    }

    private boolean ready(Api api) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Mercator exited during start-up:\n" + output());
        }
        try {
            return api.get("/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException notYetListening) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
