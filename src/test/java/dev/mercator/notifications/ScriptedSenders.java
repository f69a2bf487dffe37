package dev.mercator.notifications;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Test-only senders ahead of any real adapter ({@code HIGHEST_PRECEDENCE}): each answers what the test scripted for a
 * destination (accepted by default) and records every call, so a test can count sends per destination.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedSenders {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ScriptedSender scriptedEmail() {
        return new ScriptedSender(ChannelKind.EMAIL, true);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ScriptedSender scriptedSms() {
        return new ScriptedSender(ChannelKind.SMS, false);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ScriptedSender scriptedDiscord() {
        return new ScriptedSender(ChannelKind.DISCORD, true);
    }

    /** A sender whose answers the test scripts per destination. */
    public static class ScriptedSender implements ChannelSender {

        private final ChannelKind kind;
        private final boolean retriesUnknown;
        private final Map<UUID, ConcurrentLinkedDeque<Supplier<SendOutcome>>> scripts = new ConcurrentHashMap<>();
        private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

        public ScriptedSender(ChannelKind kind, boolean retriesUnknown) {
            this.kind = kind;
            this.retriesUnknown = retriesUnknown;
        }

        public record Call(Target target, OutgoingMessage message) {}

        /** The next answers for a destination, in order; after them, accepted. */
        @SafeVarargs
        public final void script(UUID destination, Supplier<SendOutcome>... outcomes) {
            scripts.computeIfAbsent(destination, d -> new ConcurrentLinkedDeque<>())
                    .addAll(List.of(outcomes));
        }

        public List<Call> calls(UUID destination) {
            synchronized (calls) {
                return calls.stream()
                        .filter(c -> c.target().destinationId().equals(destination))
                        .toList();
            }
        }

        @Override
        public ChannelKind kind() {
            return kind;
        }

        @Override
        public List<FieldProblem> validate(Map<String, String> settings, Map<String, String> secrets) {
            String address = settings.get("address");
            return address == null || !address.contains("@") && !address.startsWith("+")
                    ? List.of(new FieldProblem("settings.address", "must be an address"))
                    : List.of();
        }

        @Override
        public List<String> secretFields() {
            return List.of("token");
        }

        @Override
        public SendOutcome send(Target target, OutgoingMessage message) {
            calls.add(new Call(target, message));
            Supplier<SendOutcome> next = Optional.ofNullable(scripts.get(target.destinationId()))
                    .map(ConcurrentLinkedDeque::poll)
                    .orElse(null);
            return next != null
                    ? next.get()
                    : new SendOutcome.Accepted("msg-" + message.deliveryId(), false, Optional.empty());
        }

        @Override
        public boolean retriesUnknownOutcome() {
            return retriesUnknown;
        }

        @Override
        public Optional<String> rateBucket(Target target) {
            return Optional.ofNullable(target.settings().get("bucket"));
        }
    }
}
