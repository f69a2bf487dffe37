package dev.mercator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.platform.work.PeriodicWorker;
import dev.mercator.support.IntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shutting down while busy: a request in flight and a worker in the middle of a run both finish before the application
 * is gone. The test closes its own application context, so it has one to itself.
 */
@Import(GracefulShutdownIntegrationTests.BusyBeans.class)
@DirtiesContext
// Only the listeners that cope with a context the test itself has closed: injection, and discarding it afterwards.
@TestExecutionListeners(
        listeners = {DependencyInjectionTestExecutionListener.class, DirtiesContextTestExecutionListener.class},
        mergeMode = TestExecutionListeners.MergeMode.REPLACE_DEFAULTS)
class GracefulShutdownIntegrationTests extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    BusyBeans.HeldEndpoint endpoint;

    @Autowired
    BusyBeans.HeldWorker worker;

    @Test
    void inFlightRequestAndWorkerRunFinishBeforeTheApplicationStops() throws Exception {
        assertThat(worker.inRun.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test/held"))
                                .timeout(PATIENCE)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(endpoint.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isTrue();

        Thread closer = Thread.ofPlatform().name("test-closer").start(context::close);

        // Shutdown is under way once the server turns new connections away and the worker has been told to stop;
        // only then are the request and the run allowed to finish.
        await().atMost(PATIENCE).until(() -> refusesConnections(port));
        await().atMost(PATIENCE).until(() -> !worker.isRunning());
        assertThat(closer.isAlive()).isTrue();
        worker.release.countDown();
        endpoint.release.countDown();

        HttpResponse<String> response = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        closer.join(PATIENCE.toMillis());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        assertThat(closer.isAlive()).isFalse();
        assertThat(context.isActive()).isFalse();
        assertThat(worker.events).containsExactly("run finished", "stopped");
        assertThat(worker.runs()).isEqualTo(1);
        assertThat(worker.failures()).isZero();
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BusyBeans {

        @Bean
        HeldWorker heldWorker() {
            return new HeldWorker();
        }

        /** Answers only once the test lets it. */
        @RestController
        static class HeldEndpoint {

            final CountDownLatch entered = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);

            @GetMapping("/test/held")
            String held() throws InterruptedException {
                entered.countDown();
                return release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS) ? "finished" : "never released";
            }
        }

        /** Its first run, at start-up, lasts until the test lets it finish. */
        static class HeldWorker extends PeriodicWorker {

            final CountDownLatch inRun = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final List<String> events = new CopyOnWriteArrayList<>();

            HeldWorker() {
                super("held", Duration.ofHours(1));
            }

            @Override
            protected void runOnce() throws InterruptedException {
                inRun.countDown();
                if (release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    events.add("run finished");
                }
            }

            @Override
            public void stop() {
                super.stop();
                events.add("stopped");
            }
        }
    }
}
