package dev.mercator.bench;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Provider outage benchmark (not part of the test suite; the command is in docs/benchmarks.md). Every provider (SMTP
 * relay, Discord, Telegram, Twilio, merchants' webhook receivers) is down for ten minutes ({@code -Dbench.outage=PT2M}
 * for a shorter rehearsal) while 10,000 alerts are raised: 100 merchants, 100 alerts each, each merchant with one
 * destination (20 of each kind, every one its own bot, webhook, account or mailbox). Mercator runs with its default
 * retry and pacing settings. After the providers recover it must deliver every message per ADR 21 (the channels that
 * retry an unknown outcome at least once, every extra copy counted; SMS at most once, every loss recorded), none dead,
 * and earn no 429 from any provider.
 */
class NotificationOutageBenchmark {

    private static final int MERCHANTS = 100;
    private static final int ALERTS_PER_MERCHANT = 100;
    private static final List<String> HTTP_PROVIDERS = List.of("discord", "telegram", "twilio", "webhook-receiver");

    @Test
    void tenMinuteOutageDuringTenThousandAlerts() throws Exception {
        Duration outage = Duration.parse(System.getProperty("bench.outage", "PT10M"));
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Notification outage, %s, %s: every provider down %s while %d alerts are raised%n",
                BenchSupport.machine(),
                Instant.now(),
                outage,
                MERCHANTS * ALERTS_PER_MERCHANT));
        try (NotificationBench bench = NotificationBench.start("notification_outage")) {
            List<NotificationBench.Merchant> merchants = new ArrayList<>();
            for (int i = 0; i < MERCHANTS; i++) {
                String kind = NotificationBench.KINDS.get(i % NotificationBench.KINDS.size());
                merchants.add(bench.merchant("Outage " + i, List.of(kind)));
            }
            Api admin = bench.simulators.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
            for (String provider : HTTP_PROVIDERS) {
                NotificationBench.expect(
                        admin.post("/api/admin/sandbox/" + provider + "/faults", Map.of("outage", true)));
            }
            NotificationBench.expect(bench.world.post(
                    "/sandbox/smtp/faults/messages",
                    Map.of("count", 10_000_000, "code", 421, "text", "4.3.2 Service not available")));
            Instant down = Instant.now();

            try (ExecutorService raisers = Executors.newFixedThreadPool(8)) {
                List<Future<?>> raised = new ArrayList<>();
                for (int m = 0; m < MERCHANTS; m++) {
                    NotificationBench.Merchant merchant = merchants.get(m);
                    int first = m * ALERTS_PER_MERCHANT;
                    raised.add(raisers.submit(() -> {
                        for (int a = 0; a < ALERTS_PER_MERCHANT; a++) {
                            merchant.raise(String.format("N%05d", first + a));
                        }
                    }));
                }
                for (Future<?> future : raised) {
                    future.get();
                }
            }
            Duration raising = Duration.between(down, Instant.now());
            long remaining = Duration.between(Instant.now(), down.plus(outage)).toMillis();
            if (remaining > 0) {
                Thread.sleep(remaining);
            }
            long attemptsDuringOutage = attempts(merchants);
            for (String provider : HTTP_PROVIDERS) {
                admin.delete("/api/admin/sandbox/" + provider + "/faults");
            }
            bench.world.delete("/sandbox/smtp/faults");
            Instant up = Instant.now();

            boolean settled = Eventually.holds(
                    Duration.ofMinutes(40),
                    Duration.ofSeconds(10),
                    () -> merchants.stream().allMatch(merchant -> {
                        NotificationBench.Destination destination =
                                merchant.destinations().values().iterator().next();
                        List<JsonNode> rows = merchant.deliveries(destination.id());
                        return rows.size() == ALERTS_PER_MERCHANT
                                && rows.stream()
                                        .noneMatch(d -> Set.of("pending", "sending")
                                                .contains(d.get("status").asString()));
                    }));
            Instant done = Instant.now();

            Map<String, long[]> byKind = new TreeMap<>();
            Map<String, Long> statuses = new TreeMap<>();
            long throttled = 0;
            List<String> violations = new ArrayList<>();
            for (NotificationBench.Merchant merchant : merchants) {
                NotificationBench.Destination destination =
                        merchant.destinations().values().iterator().next();
                List<JsonNode> rows = merchant.deliveries(destination.id());
                Map<String, Integer> copies = new HashMap<>();
                bench.arrivals(destination).forEach(a -> copies.merge(a.token(), 1, Integer::sum));
                int counted = 0;
                int lostRecorded = 0;
                for (JsonNode row : rows) {
                    statuses.merge(row.get("status").asString(), 1L, Long::sum);
                    counted += row.get("possibleDuplicates").asInt();
                    String subject = row.get("subject").asString();
                    if (!copies.containsKey(subject)) {
                        boolean recorded = destination.kind().equals("sms")
                                && row.get("status").asString().equals("failed")
                                && "unknown_outcome"
                                        .equals(row.path("errorClass").asString());
                        if (recorded) {
                            lostRecorded++;
                        } else {
                            violations.add(destination.kind() + " " + subject + " never arrived, row "
                                    + row.get("status").asString());
                        }
                    }
                }
                int extra = copies.values().stream().mapToInt(n -> n - 1).sum();
                if (destination.kind().equals("sms") && extra > 0) {
                    violations.add("sms: " + extra + " copies beyond the first (at most once)");
                }
                if (extra > counted) {
                    violations.add(destination.kind() + ": " + extra + " extra copies, " + counted + " counted");
                }
                long[] figures = byKind.computeIfAbsent(destination.kind(), k -> new long[5]);
                figures[0] += rows.size();
                figures[1] += copies.size();
                figures[2] += extra;
                figures[3] += counted;
                figures[4] += lostRecorded;
                throttled += bench.throttled(destination);
            }
            report.append(String.format(
                    Locale.ROOT,
                    "alerts raised in %.1f s (during the outage); send attempts refused during it: %d%n",
                    raising.toNanos() / 1e9,
                    attemptsDuringOutage));
            report.append(String.format(
                    Locale.ROOT,
                    "recovery -> every delivery final: %.1f s%s%n",
                    Duration.between(up, done).toNanos() / 1e9,
                    settled ? "" : " (NOT SETTLED within 40 min)"));
            report.append(String.format(
                    Locale.ROOT,
                    "%-9s %8s %9s %7s %8s %12s%n",
                    "channel",
                    "rows",
                    "arrived",
                    "extra",
                    "counted",
                    "lost(recorded)"));
            byKind.forEach((kind, f) -> report.append(
                    String.format(Locale.ROOT, "%-9s %8d %9d %7d %8d %12d%n", kind, f[0], f[1], f[2], f[3], f[4])));
            report.append("final states: ").append(statuses).append('\n');
            report.append("429s answered by the providers: ").append(throttled).append('\n');
            report.append("violations: ")
                    .append(violations.isEmpty() ? "none" : violations.subList(0, Math.min(20, violations.size())))
                    .append('\n');
        }
        Path out = Path.of("target", "benchmarks", "notification-outage.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static long attempts(List<NotificationBench.Merchant> merchants) {
        long attempts = 0;
        for (NotificationBench.Merchant merchant : merchants) {
            for (JsonNode row : merchant.deliveries(
                    merchant.destinations().values().iterator().next().id())) {
                attempts += row.get("attempts").asInt();
            }
        }
        return attempts;
    }
}
