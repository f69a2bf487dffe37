package dev.mercator.bench;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The set-up the notification benchmarks share: the providers (SMTP server, Discord, Telegram, Twilio, a webhook
 * receiver) in a simulators process of their own, with the vendors' limits, and the Mercator under test in live mode
 * against them, on PostgreSQL when {@code MERCATOR_TEST_POSTGRES_URL} is set (an H2 file otherwise), with its default
 * pacing and retry settings. Each merchant's destinations are its own (its own bot, webhook, Twilio account, mailbox).
 */
final class NotificationBench implements AutoCloseable {

    static final Pattern TOKEN = Pattern.compile("N\\d{5}");
    static final List<String> KINDS = List.of("webhook", "email", "discord", "telegram", "sms");

    final ServiceProcess simulators;
    final ServiceProcess mercator;
    final Api world;

    private NotificationBench(ServiceProcess simulators, ServiceProcess mercator) {
        this.simulators = simulators;
        this.mercator = mercator;
        this.world = simulators.api();
    }

    static NotificationBench start(String name) throws IOException, InterruptedException {
        int smtpPort = ServiceProcess.freePort();
        Map<String, String> outside = new HashMap<>(LiveAgainstSimulators.simulators());
        outside.put("MERCATOR_SANDBOX_SMTP_PORT", Integer.toString(smtpPort));
        outside.put("MERCATOR_NOTIFICATIONS_WORKERS_ENABLED", "false");
        outside.put("MERCATOR_SANDBOX_TWILIO_CALLBACK_DELAY", "200ms");
        outside.put("LOGGING_LEVEL_ROOT", "WARN");
        ServiceProcess simulators = ServiceProcess.start(outside);
        Map<String, String> database = System.getenv("MERCATOR_TEST_POSTGRES_URL") != null
                ? PostgresSchema.processEnvironment(name + "_" + System.currentTimeMillis())
                : Map.of(
                        "MERCATOR_DB_URL",
                        "jdbc:h2:file:"
                                + Files.createTempDirectory("mercator-" + name).resolve("mercator")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        int port = ServiceProcess.freePort();
        Map<String, String> environment = new HashMap<>(LiveAgainstSimulators.mercator(database, simulators.port()));
        environment.put("MERCATOR_PUBLIC_URL", "http://localhost:" + port);
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        environment.put("MERCATOR_CATALOG_REFRESH_ENABLED", "false");
        environment.put("MERCATOR_DB_POOL_SIZE", "10");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        environment.putAll(LiveAgainstSimulators.notificationProviders(simulators.port(), smtpPort));
        try {
            return new NotificationBench(simulators, ServiceProcess.start(environment, port));
        } catch (IOException | RuntimeException e) {
            simulators.close();
            throw e;
        }
    }

    /** A merchant and one destination of each of {@code kinds}, all routed every reported alert. */
    Merchant merchant(String name, List<String> kinds) {
        Api admin = mercator.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
        String apiKey = expect(admin.post("/api/admin/merchants", Map.of("name", name)))
                .get("apiKey")
                .asString();
        Api shop = mercator.api().asMerchant(apiKey);
        Map<String, Destination> destinations = new HashMap<>();
        for (String kind : kinds) {
            destinations.put(kind, destination(shop, kind, name));
        }
        expect(shop.post(
                "/api/notifications/rules",
                Map.of(
                        "name",
                        "everything",
                        "alertTypes",
                        List.of("external.reported"),
                        "destinations",
                        destinations.values().stream().map(Destination::id).toList())));
        return new Merchant(shop, destinations);
    }

    /** One destination and where its provider shows what arrived. */
    record Destination(String kind, String id, String inbox) {}

    record Merchant(Api api, Map<String, Destination> destinations) {

        /** Raises one reported alert whose subject is {@code token}. */
        void raise(String token) {
            Api.Response raised =
                    api.post("/api/alerts", Map.of("subject", token, "severity", "warning", "message", "benchmark"));
            if (raised.status() != 201) {
                throw new IllegalStateException("alert not raised: " + raised);
            }
        }

        List<JsonNode> deliveries(String destination) {
            List<JsonNode> all = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode items = expect(api.get(
                                "/api/notifications/deliveries?size=200&page=" + page + "&destination=" + destination))
                        .get("items");
                items.forEach(all::add);
                if (items.size() < 200) {
                    return all;
                }
            }
        }
    }

    /** An arrival at a provider: the alert it names and when the provider's simulator took it. */
    record Arrival(String token, Instant at) {}

    /** What arrived at a destination's provider, one entry per alert named per message. */
    List<Arrival> arrivals(Destination destination) {
        List<Arrival> arrivals = new ArrayList<>();
        switch (destination.kind()) {
            case "webhook" ->
                expect(world.get(destination.inbox())).forEach(r -> {
                    if (r.get("answered").asInt() == 200) {
                        add(
                                arrivals,
                                r.get("body").asString(),
                                r.get("receivedAt").asString());
                    }
                });
            case "email" ->
                expect(world.get(destination.inbox()))
                        .get("messages")
                        .forEach(m -> add(
                                arrivals,
                                m.get("subject").asString(),
                                m.get("receivedAt").asString()));
            case "discord" ->
                expect(world.get(destination.inbox()))
                        .get("messages")
                        .forEach(m ->
                                add(arrivals, m.toString(), m.get("timestamp").asString()));
            case "telegram" ->
                expect(world.get(destination.inbox()))
                        .get("messages")
                        .forEach(m -> add(
                                arrivals,
                                m.get("text").asString(),
                                m.get("received_at").asString()));
            case "sms" ->
                expect(world.get(destination.inbox()))
                        .get("messages")
                        .forEach(m -> add(
                                arrivals,
                                m.get("body").asString(),
                                m.get("received_at").asString()));
            default -> throw new IllegalArgumentException(destination.kind());
        }
        return arrivals;
    }

    /** 429s the provider's simulator answered for this destination (none for the SMTP server and the receiver). */
    long throttled(Destination destination) {
        return switch (destination.kind()) {
            case "discord", "telegram", "sms" ->
                expect(world.get(destination.inbox())).path("throttled").asLong();
            default -> 0;
        };
    }

    private static void add(List<Arrival> arrivals, String text, String at) {
        Matcher matcher = TOKEN.matcher(text);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (matcher.find()) {
            if (seen.add(matcher.group())) {
                arrivals.add(new Arrival(matcher.group(), Instant.parse(at)));
            }
        }
    }

    private Destination destination(Api shop, String kind, String name) {
        String unique = Long.toString(System.nanoTime(), 36);
        return switch (kind) {
            case "webhook" -> {
                String bin = "bench-" + unique;
                String secret = secret();
                expect(world.put("/sandbox/webhook-receiver/" + bin + "/secret", Map.of("signingSecret", secret)));
                String url = "http://localhost:" + simulators.port() + "/sandbox/webhook-receiver/" + bin;
                yield new Destination(
                        kind,
                        create(
                                shop,
                                Map.of(
                                        "kind",
                                        kind,
                                        "name",
                                        name,
                                        "settings",
                                        Map.of("url", url),
                                        "secrets",
                                        Map.of("signingSecret", secret))),
                        "/sandbox/webhook-receiver/" + bin + "/requests");
            }
            case "email" -> {
                String to = "owner-" + unique + "@bench.example";
                yield new Destination(
                        kind,
                        create(shop, Map.of("kind", kind, "name", name, "settings", Map.of("to", to))),
                        "/sandbox/smtp/messages?to=" + to);
            }
            case "discord" -> {
                JsonNode webhook = expect(world.post("/sandbox/discord/sim/webhooks", Map.of()));
                String url =
                        "https://discord.com/api/webhooks/" + webhook.get("id").asString() + "/"
                                + webhook.get("token").asString();
                yield new Destination(
                        kind,
                        create(shop, Map.of("kind", kind, "name", name, "secrets", Map.of("webhookUrl", url))),
                        "/sandbox/discord/sim/webhooks/" + webhook.get("id").asString());
            }
            case "telegram" -> {
                JsonNode bot = expect(world.post("/sandbox/telegram/sim/bots", Map.of()));
                long botId = bot.get("id").asLong();
                expect(world.post("/sandbox/telegram/sim/bots/" + botId + "/chats", Map.of("id", 9001)));
                yield new Destination(
                        kind,
                        create(
                                shop,
                                Map.of(
                                        "kind",
                                        kind,
                                        "name",
                                        name,
                                        "settings",
                                        Map.of("chatId", "9001"),
                                        "secrets",
                                        Map.of("botToken", bot.get("token").asString()))),
                        "/sandbox/telegram/sim/bots/" + botId + "/messages");
            }
            case "sms" -> {
                JsonNode account = expect(world.post("/sandbox/twilio/sim/accounts", Map.of()));
                String sid = account.get("accountSid").asString();
                yield new Destination(
                        kind,
                        create(
                                shop,
                                Map.of(
                                        "kind",
                                        kind,
                                        "name",
                                        name,
                                        "settings",
                                        Map.of("to", "+14155552671", "from", "+15005550006", "accountSid", sid),
                                        "secrets",
                                        Map.of(
                                                "authToken",
                                                account.get("authToken").asString()))),
                        "/sandbox/twilio/sim/accounts/" + sid);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String create(Api shop, Map<String, Object> body) {
        return expect(shop.post("/api/notifications/destinations", body))
                .get("id")
                .asString();
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            mercator.close();
        } finally {
            simulators.close();
        }
    }
}
