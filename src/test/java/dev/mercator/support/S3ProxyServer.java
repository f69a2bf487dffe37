package dev.mercator.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * S3Proxy (github.com/gaul/s3proxy), a real S3-compatible server, as a separate process on a free port with its
 * filesystem backend and AWS signature checking on. The build copies its self-contained jar to {@code
 * target/s3proxy/s3proxy.jar} (pom.xml, phase generate-test-resources), so a plain {@code ./mvnw verify} with only a
 * JDK has it; run from an IDE without that phase, {@link #jar()} is missing and the S3 suites are skipped with that
 * reason (and .ci/run fails if any S3 suite was skipped). One server per test JVM, stopped when the JVM ends.
 */
public final class S3ProxyServer {

    public static final String IDENTITY = "test-access-key";
    public static final String CREDENTIAL = "test-secret-key-0123456789";

    private static S3ProxyServer shared;

    private final Process process;
    private final int port;

    private S3ProxyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Where the build puts the server's jar. */
    public static Path jar() {
        return Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
    }

    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start S3Proxy", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroy));
        }
        return shared;
    }

    private static S3ProxyServer start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("s3proxy");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.conf");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        jar().toString(),
                        "--properties",
                        properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
                        }
                        try (Socket probe = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            process.destroy();
            throw e;
        }
        return new S3ProxyServer(process, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }
}
