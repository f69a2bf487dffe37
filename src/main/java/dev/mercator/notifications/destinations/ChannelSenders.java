package dev.mercator.notifications.destinations;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The sender of each kind: the FIRST bean of that kind in {@link ObjectProvider#orderedStream()} order. Taking the
 * first rather than refusing duplicates lets a test register its own sender with {@code @Order(HIGHEST_PRECEDENCE)}
 * next to the real adapters, and a kind with no adapter yet is simply not available.
 */
@Component
public class ChannelSenders {

    private final ObjectProvider<ChannelSender> senders;
    private volatile Map<ChannelKind, ChannelSender> byKind = Map.of();
    private volatile boolean resolved;

    ChannelSenders(ObjectProvider<ChannelSender> senders) {
        this.senders = senders;
    }

    public Optional<ChannelSender> find(ChannelKind kind) {
        return Optional.ofNullable(all().get(kind));
    }

    private Map<ChannelKind, ChannelSender> all() {
        // Resolved lazily: senders may depend on beans that are created after this one.
        if (!resolved) {
            Map<ChannelKind, ChannelSender> first = new EnumMap<>(ChannelKind.class);
            senders.orderedStream().forEach(sender -> first.putIfAbsent(sender.kind(), sender));
            byKind = first;
            resolved = true;
        }
        return byKind;
    }
}
