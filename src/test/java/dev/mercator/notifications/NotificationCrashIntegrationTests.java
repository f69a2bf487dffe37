package dev.mercator.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mercator is killed with SIGKILL in the middle of a burst of alerts and restarted on the same database. The providers
 * (an SMTP server, Telegram, Twilio, a webhook receiver) run in a process of their own, the simulators' Mercator, and
 * the Mercator under test talks to them in live mode, as it would to the real ones. Afterwards, per ADR 21: every alert
 * reached every channel that retries an unknown outcome (e-mail, Telegram, webhook) at least once, and each copy beyond
 * the first is one the ledger counted as a possible duplicate; SMS, at most once, reached each number at most once,
 * and every SMS that did not arrive is recorded as failed with an unknown outcome, not silently lost.
 */
class NotificationCrashIntegrationTests {

    private static final int ALERTS = 150;
    private static final Pattern TOKEN = Pattern.compile("KT-\\d{3}");
    private static final String SENDER = "+15005550006";
    private static final String RECIPIENT = "+14155552671";
    private static final String MAILBOX = "owner@killed.example";

    @Test
    void afterAKillMidBurstNoAlertIsLostAndEveryDuplicateIsCounted() throws Exception {
        int smtpPort = ServiceProcess.freePort();
        Map<String, String> simulators = new HashMap<>(LiveAgainstSimulators.simulators());
        simulators.put("MERCATOR_SANDBOX_SMTP_PORT", Integer.toString(smtpPort));
        simulators.put("MERCATOR_NOTIFICATIONS_WORKERS_ENABLED", "false");
        try (ServiceProcess outside = ServiceProcess.start(simulators)) {
            Api world = outside.api();
            int port = ServiceProcess.freePort();
            Map<String, String> environment = environment(outside.port(), smtpPort, port);

            String bin = "killed-" + System.nanoTime();
            String secret = secret();
            expect(world.put("/sandbox/webhook-receiver/" + bin + "/secret", Map.of("signingSecret", secret)));
            JsonNode bot =
                    expect(world.post("/sandbox/telegram/sim/bots", Map.of("chatPerSecond", 1000, "chatBurst", 1000)));
            expect(world.post("/sandbox/telegram/sim/bots/" + bot.get("id").asLong() + "/chats", Map.of("id", 8001)));
            JsonNode twilio = expect(world.post(
                    "/sandbox/twilio/sim/accounts",
                    Map.of("phoneNumbers", List.of(SENDER), "messagesPerSecond", 1000, "burst", 1000)));
            String accountSid = twilio.get("accountSid").asString();

            String apiKey;
            Map<String, String> destinations = new TreeMap<>();
            try (ServiceProcess first = ServiceProcess.start(environment, port)) {
                Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
                apiKey = expect(admin.post("/api/admin/merchants", Map.of("name", "Killed mid-burst")))
                        .get("apiKey")
                        .asString();
                Api shop = first.api().asMerchant(apiKey);
                destinations.put(
                        "webhook",
                        destination(
                                shop,
                                Map.of(
                                        "kind",
                                        "webhook",
                                        "name",
                                        "hook",
                                        "settings",
                                        Map.of(
                                                "url",
                                                "http://localhost:" + outside.port() + "/sandbox/webhook-receiver/"
                                                        + bin),
                                        "secrets",
                                        Map.of("signingSecret", secret))));
                destinations.put(
                        "telegram",
                        destination(
                                shop,
                                Map.of(
                                        "kind",
                                        "telegram",
                                        "name",
                                        "phone",
                                        "settings",
                                        Map.of("chatId", "8001"),
                                        "secrets",
                                        Map.of("botToken", bot.get("token").asString()))));
                destinations.put(
                        "email",
                        destination(shop, Map.of("kind", "email", "name", "owner", "settings", Map.of("to", MAILBOX))));
                destinations.put(
                        "sms",
                        destination(
                                shop,
                                Map.of(
                                        "kind",
                                        "sms",
                                        "name",
                                        "owner's phone",
                                        "settings",
                                        Map.of("to", RECIPIENT, "from", SENDER, "accountSid", accountSid),
                                        "secrets",
                                        Map.of(
                                                "authToken",
                                                twilio.get("authToken").asString()))));
                expect(shop.post(
                        "/api/notifications/rules",
                        Map.of(
                                "name", "everything",
                                "alertTypes", List.of("external.reported"),
                                "destinations", List.copyOf(destinations.values()))));

                for (int i = 0; i < ALERTS; i++) {
                    Api.Response raised = shop.post(
                            "/api/alerts",
                            Map.of("subject", String.format("KT-%03d", i), "severity", "warning", "message", "burst"));
                    assertThat(raised.status()).as(raised.body()).isEqualTo(201);
                }
                // Killed with a third of the webhooks out: deliveries of every channel are pending, claimed, in flight.
                Eventually.holds(
                        Duration.ofSeconds(60),
                        Duration.ofMillis(20),
                        () -> requests(world, bin).size() >= ALERTS / 3);
                first.kill();
            }
            int beforeRestart = requests(world, bin).size();
            assertThat(beforeRestart).as("webhooks out when the process died").isLessThan(ALERTS);

            try (ServiceProcess second = ServiceProcess.start(environment, port)) {
                Api shop = second.api().asMerchant(apiKey);
                Eventually.holds(Duration.ofSeconds(180), Duration.ofMillis(500), () -> {
                    for (String destination : destinations.values()) {
                        List<JsonNode> rows = deliveries(shop, destination);
                        if (rows.size() != ALERTS
                                || rows.stream()
                                        .anyMatch(d -> Set.of("pending", "sending")
                                                .contains(d.get("status").asString()))) {
                            return false;
                        }
                    }
                    return true;
                });

                Map<String, List<Set<String>>> received = Map.of(
                        "webhook",
                                requests(world, bin).stream()
                                        .map(r -> tokens(r.get("body").asString()))
                                        .toList(),
                        "telegram",
                                expect(world.get("/sandbox/telegram/sim/bots/"
                                                + bot.get("id").asLong() + "/messages"))
                                        .get("messages")
                                        .valueStream()
                                        .map(m -> tokens(m.get("text").asString()))
                                        .toList(),
                        "email",
                                expect(world.get("/sandbox/smtp/messages?to=" + MAILBOX))
                                        .get("messages")
                                        .valueStream()
                                        .map(m -> tokens(m.get("subject").asString()))
                                        .toList());
                for (var channel : received.entrySet()) {
                    List<JsonNode> rows = deliveries(shop, destinations.get(channel.getKey()));
                    assertThat(rows)
                            .as(channel.getKey())
                            .allSatisfy(
                                    d -> assertThat(d.get("status").asString()).isEqualTo("delivered"));
                    Map<String, Integer> copies = tally(channel.getValue());
                    assertThat(copies.keySet())
                            .as("alerts that reached %s", channel.getKey())
                            .hasSize(ALERTS);
                    int extra = copies.values().stream().mapToInt(n -> n - 1).sum();
                    int counted = rows.stream()
                            .mapToInt(d -> d.get("possibleDuplicates").asInt())
                            .sum();
                    System.out.printf(
                            "%s: %d alerts, %d copies beyond the first, %d possible duplicates counted%n",
                            channel.getKey(), copies.size(), extra, counted);
                    assertThat(extra)
                            .as(
                                    "copies beyond the first on %s, against the possible duplicates the ledger counted",
                                    channel.getKey())
                            .isLessThanOrEqualTo(counted);
                }

                List<JsonNode> sms = deliveries(shop, destinations.get("sms"));
                Map<String, Integer> texts = tally(expect(world.get("/sandbox/twilio/sim/accounts/" + accountSid))
                        .get("messages")
                        .valueStream()
                        .map(m -> tokens(m.get("body").asString()))
                        .toList());
                assertThat(texts.values())
                        .as("SMS copies per alert (at most once)")
                        .allMatch(n -> n == 1);
                for (JsonNode row : sms) {
                    String subject = row.get("subject").asString();
                    if (texts.containsKey(subject)) {
                        continue;
                    }
                    assertThat(row.get("status").asString())
                            .as("%s never reached the phone: recorded as given up, not lost", subject)
                            .isEqualTo("failed");
                    assertThat(row.get("errorClass").asString()).isEqualTo("unknown_outcome");
                }
                System.out.printf(
                        "killed with %d of %d webhooks out; sms: %d arrived, %d given up as unknown outcomes%n",
                        beforeRestart,
                        ALERTS,
                        texts.size(),
                        sms.stream()
                                .filter(d -> d.get("status").asString().equals("failed"))
                                .count());
                assertThat(sms)
                        .filteredOn(d -> !d.get("status").asString().equals("failed"))
                        .allSatisfy(d ->
                                assertThat(texts).containsKey(d.get("subject").asString()));
            }
        }
    }

    private static Map<String, String> environment(int simulatorsPort, int smtpPort, int port) throws Exception {
        Path dir = Files.createTempDirectory("mercator-notify-crash");
        Map<String, String> environment = new HashMap<>(LiveAgainstSimulators.mercator(
                Map.of(
                        "MERCATOR_DB_URL",
                        "jdbc:h2:file:" + dir.resolve("mercator")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"),
                simulatorsPort));
        environment.put("MERCATOR_PUBLIC_URL", "http://localhost:" + port);
        environment.put("MERCATOR_NOTIFICATIONS_POLL_INTERVAL", "100ms");
        // A killed instance's claims and buckets come free after the lease: short, so the test need not wait minutes.
        environment.put("MERCATOR_NOTIFICATIONS_LEASE", "5s");
        environment.put("MERCATOR_NOTIFICATIONS_RETRY_BASE", "500ms");
        environment.put("MERCATOR_NOTIFICATIONS_RETRY_MAX", "2s");
        environment.put("MERCATOR_NOTIFICATIONS_PACING_TELEGRAM_CHAT_PER_SECOND", "1000");
        environment.put("MERCATOR_NOTIFICATIONS_PACING_TWILIO_ACCOUNT_PER_SECOND", "1000");
        environment.put("MERCATOR_NOTIFICATIONS_PACING_EMAIL_PER_SECOND", "1000");
        environment.put("MERCATOR_NOTIFICATIONS_PACING_WEBHOOK_PER_SECOND", "1000");
        environment.putAll(LiveAgainstSimulators.notificationProviders(simulatorsPort, smtpPort));
        return environment;
    }

    private static Set<String> tokens(String text) {
        Set<String> found = new HashSet<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** Copies received per alert: each message counts once for each alert it names. */
    private static Map<String, Integer> tally(List<Set<String>> messages) {
        Map<String, Integer> copies = new TreeMap<>();
        for (Set<String> message : messages) {
            message.forEach(token -> copies.merge(token, 1, Integer::sum));
        }
        return copies;
    }

    private static List<JsonNode> requests(Api world, String bin) {
        return expect(world.get("/sandbox/webhook-receiver/" + bin + "/requests"))
                .valueStream()
                .filter(r -> r.get("answered").asInt() == 200)
                .toList();
    }

    private static List<JsonNode> deliveries(Api shop, String destination) {
        List<JsonNode> all = new ArrayList<>();
        expect(shop.get("/api/notifications/deliveries?size=200&destination=" + destination))
                .get("items")
                .forEach(all::add);
        return all;
    }

    private static String destination(Api shop, Map<String, Object> body) {
        return expect(shop.post("/api/notifications/destinations", body))
                .get("id")
                .asString();
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }
}
