package dev.mercator.notifications;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.DeliveryReports;
import dev.mercator.notifications.channel.DestinationSecrets;
import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the channel adapters' tests: the whole service, its simulators over real HTTP, and stand-ins for the two
 * things the delivery ledger provides to channels (a destination's secrets by id, and where delivery receipts go),
 * which record what they were given. Read timeouts are short so the unknown-outcome cases take a second, not ten.
 */
@Import(ChannelIntegrationTest.LedgerStandIns.class)
@TestPropertySource(
        properties = {
            "mercator.outbound.providers.discord.read-timeout=1s",
            "mercator.outbound.providers.telegram.read-timeout=1s",
            "mercator.outbound.providers.twilio.read-timeout=1s",
            "mercator.sandbox.twilio.callback-delay=50ms",
        })
public abstract class ChannelIntegrationTest extends IntegrationTest {

    @Autowired
    protected Destinations destinations;

    @Autowired
    protected Receipts receipts;

    @AfterEach
    void clearFaults() {
        for (String provider : List.of("discord", "telegram", "twilio")) {
            admin.delete("/api/admin/sandbox/" + provider + "/faults");
        }
    }

    protected static Notice notice(String severity, String subject, String message, Map<String, String> details) {
        return new Notice(
                UUID.randomUUID(),
                "sync.push_failed",
                severity,
                subject,
                message,
                details,
                Instant.parse("2026-12-03T10:15:30Z"),
                "https://mercator.example/alerts/1");
    }

    protected static OutgoingMessage single(MerchantId merchant, Notice notice) {
        return new OutgoingMessage(
                UUID.randomUUID(), merchant, List.of(notice), false, false, "https://mercator.example/u");
    }

    protected static OutgoingMessage digest(MerchantId merchant, List<Notice> notices) {
        return new OutgoingMessage(UUID.randomUUID(), merchant, notices, true, false, "https://mercator.example/u");
    }

    protected static Target target(ChannelKind kind, Map<String, String> settings, Map<String, String> secrets) {
        return new Target(UUID.randomUUID(), kind, settings, secrets);
    }

    /** Destinations the callbacks can find, as the destinations store will hold them. */
    public static final class Destinations implements DestinationSecrets {

        private final Map<UUID, Owned> known = new ConcurrentHashMap<>();

        public void put(MerchantId merchant, Target target) {
            known.put(target.destinationId(), new Owned(merchant, target));
        }

        @Override
        public Optional<Owned> find(UUID destinationId) {
            return Optional.ofNullable(known.get(destinationId));
        }
    }

    /** Every delivery report received, in order. */
    public static final class Receipts implements DeliveryReports {

        public record Report(
                ChannelKind kind,
                String providerMessageId,
                ReportedStatus status,
                @Nullable String errorCode) {}

        private final List<Report> reports = new CopyOnWriteArrayList<>();

        @Override
        public boolean report(
                ChannelKind kind,
                String providerMessageId,
                ReportedStatus status,
                @Nullable String errorCode,
                @Nullable String reason) {
            reports.add(new Report(kind, providerMessageId, status, errorCode));
            return true;
        }

        public List<Report> of(String providerMessageId) {
            return reports.stream()
                    .filter(report -> report.providerMessageId().equals(providerMessageId))
                    .toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class LedgerStandIns {

        @Bean
        @Primary
        Destinations testDestinations() {
            return new Destinations();
        }

        @Bean
        @Primary
        Receipts testReceipts() {
            return new Receipts();
        }
    }
}
