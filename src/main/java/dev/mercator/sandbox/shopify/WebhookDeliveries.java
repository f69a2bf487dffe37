package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the simulated shops' webhooks as Shopify does. Each event is serialised once, signed with the shop's secret
 * and POSTed with Shopify's headers; any answer but 2xx, or none within the timeout, is retried with exponential
 * backoff ({@link DeliveryOptions#backoff}) with the original body, to the address configured when the event was
 * triggered. Some events go out more than once (same {@code X-Shopify-Event-Id}), and each delivery may wait a random
 * moment first, so they arrive out of order: at least once, never in order guaranteed.
 */
@Component
@ConditionalOnSandbox
class WebhookDeliveries implements DisposableBean, ApplicationListener<WebServerInitializedEvent> {

    static final String API_VERSION = "2026-04";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int RECENT_KEPT = 500;

    /** Counters of one shop, or of all. */
    record Stats(
            long events,
            long deliveries,
            long attempts,
            long successes,
            long failures,
            long retries,
            long duplicates,
            long gaveUp,
            long pending) {}

    /** One delivery (an event's copy) as it stands. */
    record DeliveryView(
            String eventId,
            String webhookId,
            String topic,
            int copy,
            int attempts,
            String state,
            @Nullable Integer lastStatus,
            String triggeredAt,
            /** The body exactly as sent, so a test can hold it against the vendor's documented payload. */
            String body) {}

    private final ShopifySimulatorSettings settings;
    private final JsonMapper json;
    private final Random dice;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final Environment environment;
    private final Counters total = new Counters();
    private final Map<String, Counters> byShop = new ConcurrentHashMap<>();
    private final Map<String, Deque<Delivery>> recent = new ConcurrentHashMap<>();
    private volatile int port = -1;

    WebhookDeliveries(ShopifySimulatorSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
        this.json = JsonMapper.builder().build();
        String seed = environment.getProperty("mercator.sandbox.seed", "");
        // java.util.Random: thread-safe, and seedable so a run with partial probabilities can be replayed.
        this.dice = seed.isBlank() ? new Random() : new Random(Long.parseLong(seed.strip()));
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.webhookConnectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(settings.webhookThreads(), runnable -> {
            Thread thread = new Thread(runnable, "shopify-sim-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /**
     * Queues the shop's events for delivery. Each attempt is signed with the shop's secret of the moment (as Shopify
     * signs with the app's current secret); the address is the one configured now.
     */
    void trigger(SimulatedShop shop, List<Emission> emissions) {
        if (emissions.isEmpty()) {
            return;
        }
        DeliveryOptions options = shop.config().delivery();
        URI url = URI.create(options.url() != null ? options.url() : defaultUrl());
        Counters counters = counters(shop.domain());
        for (Emission emission : emissions) {
            byte[] body = json.writeValueAsBytes(emission.payload());
            String eventId = UUID.randomUUID().toString();
            Instant triggeredAt = Instant.now();
            int copies = 1;
            if (options.duplicateCopies() > 0 && fires(options.duplicateProbability())) {
                copies += options.duplicateCopies();
            }
            counters.events.incrementAndGet();
            total.events.incrementAndGet();
            counters.duplicates.addAndGet(copies - 1);
            total.duplicates.addAndGet(copies - 1);
            for (int copy = 1; copy <= copies; copy++) {
                Delivery delivery = new Delivery(
                        shop,
                        emission.topic(),
                        body,
                        eventId,
                        UUID.randomUUID().toString(),
                        triggeredAt,
                        url,
                        copy,
                        options);
                counters.deliveries.incrementAndGet();
                total.deliveries.incrementAndGet();
                counters.pending.incrementAndGet();
                total.pending.incrementAndGet();
                remember(delivery);
                schedule(delivery, reorderDelay(options.maxReorderDelay()));
            }
        }
    }

    Stats stats(String shop) {
        Counters counters = byShop.get(shop);
        return counters == null ? new Counters().snapshot() : counters.snapshot();
    }

    Stats stats() {
        return total.snapshot();
    }

    /** The shop's latest deliveries, newest last. */
    List<DeliveryView> recent(String shop) {
        Deque<Delivery> deliveries = recent.get(shop);
        if (deliveries == null) {
            return List.of();
        }
        synchronized (deliveries) {
            return deliveries.stream().map(Delivery::view).toList();
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        http.shutdownNow();
    }

    // The future is not kept: attempt() settles every outcome itself, and shutdown drops what is pending.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void schedule(Delivery delivery, Duration delay) {
        try {
            executor.schedule(() -> attempt(delivery), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            settle(delivery, "abandoned");
        }
    }

    private void attempt(Delivery delivery) {
        Counters counters = counters(delivery.shop);
        int attempt = delivery.attempts.incrementAndGet();
        counters.attempts.incrementAndGet();
        total.attempts.incrementAndGet();
        if (attempt > 1) {
            counters.retries.incrementAndGet();
            total.retries.incrementAndGet();
        }
        String secret = delivery.from.config().webhookSecret();
        int status = -1;
        if (attempt == 1 && fires(delivery.options.lostFirstAttemptProbability())) {
            // Lost on the way: the receiver never sees this attempt, only the retry.
            log.debug("Webhook {} {} lost on its first attempt", delivery.topic, delivery.eventId);
        } else
            try {
                HttpRequest request = HttpRequest.newBuilder(delivery.url)
                        .timeout(settings.webhookTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Shopify-Captain-Hook")
                        .header("X-Shopify-Topic", delivery.topic)
                        .header("X-Shopify-Hmac-Sha256", sign(delivery.body, secret))
                        .header("X-Shopify-Shop-Domain", delivery.shop)
                        .header("X-Shopify-API-Version", API_VERSION)
                        .header("X-Shopify-Webhook-Id", delivery.webhookId)
                        .header("X-Shopify-Event-Id", delivery.eventId)
                        .header("X-Shopify-Triggered-At", delivery.triggeredAt.toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                        .build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException failed) {
                log.debug("Webhook {} to {} failed: {}", delivery.topic, delivery.url, failed.toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                settle(delivery, "abandoned");
                return;
            }
        delivery.lastStatus = status < 0 ? null : status;
        if (status >= 200 && status < 300) {
            counters.successes.incrementAndGet();
            total.successes.incrementAndGet();
            settle(delivery, "delivered");
            return;
        }
        counters.failures.incrementAndGet();
        total.failures.incrementAndGet();
        int retry = attempt; // the retry about to be scheduled, 1-based
        if (retry > delivery.options.retries()) {
            counters.gaveUp.incrementAndGet();
            total.gaveUp.incrementAndGet();
            log.info(
                    "Simulated Shopify gave up on {} {} to {} after {} attempts",
                    delivery.topic,
                    delivery.eventId,
                    delivery.url,
                    attempt);
            settle(delivery, "gave-up");
            return;
        }
        delivery.state = "retrying";
        schedule(delivery, delivery.options.backoff(retry));
    }

    private void settle(Delivery delivery, String state) {
        delivery.state = state;
        counters(delivery.shop).pending.decrementAndGet();
        total.pending.decrementAndGet();
    }

    private void remember(Delivery delivery) {
        Deque<Delivery> deliveries = recent.computeIfAbsent(delivery.shop, shop -> new ArrayDeque<>());
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            while (deliveries.size() > RECENT_KEPT) {
                deliveries.removeFirst();
            }
        }
    }

    private Counters counters(String shop) {
        return byShop.computeIfAbsent(shop, s -> new Counters());
    }

    private boolean fires(double probability) {
        return probability > 0 && dice.nextDouble() < probability;
    }

    private Duration reorderDelay(Duration max) {
        if (max.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (dice.nextDouble() * max.toNanos()));
    }

    private String defaultUrl() {
        int known = port;
        if (known <= 0) {
            Integer announced = environment.getProperty("local.server.port", Integer.class);
            known = announced == null ? 8080 : announced;
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://localhost:" + known + contextPath + "/webhook/shopify";
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    private static final class Counters {
        final AtomicLong events = new AtomicLong();
        final AtomicLong deliveries = new AtomicLong();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong successes = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong gaveUp = new AtomicLong();
        final AtomicLong pending = new AtomicLong();

        Stats snapshot() {
            return new Stats(
                    events.get(),
                    deliveries.get(),
                    attempts.get(),
                    successes.get(),
                    failures.get(),
                    retries.get(),
                    duplicates.get(),
                    gaveUp.get(),
                    pending.get());
        }
    }

    private static final class Delivery {
        final SimulatedShop from;
        final String shop;
        final String topic;
        final byte[] body;
        final String eventId;
        final String webhookId;
        final Instant triggeredAt;
        final URI url;
        final int copy;
        final DeliveryOptions options;
        final AtomicInteger attempts = new AtomicInteger();
        volatile String state = "queued";
        volatile @Nullable Integer lastStatus;

        Delivery(
                SimulatedShop from,
                String topic,
                byte[] body,
                String eventId,
                String webhookId,
                Instant triggeredAt,
                URI url,
                int copy,
                DeliveryOptions options) {
            this.from = from;
            this.shop = from.domain();
            this.topic = topic;
            this.body = body;
            this.eventId = eventId;
            this.webhookId = webhookId;
            this.triggeredAt = triggeredAt;
            this.url = url;
            this.copy = copy;
            this.options = options;
        }

        DeliveryView view() {
            return new DeliveryView(
                    eventId,
                    webhookId,
                    topic,
                    copy,
                    attempts.get(),
                    state,
                    lastStatus,
                    triggeredAt.toString(),
                    new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
