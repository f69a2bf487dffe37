package dev.mercator.notifications.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.notifications.ScriptedSenders.ScriptedSender;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Which sender a kind gets: the first in order, so a test's sender overrides the real adapter of its kind. */
class ChannelSendersTests {

    @Test
    void theFirstSenderOfAKindInOrderWinsAndAKindWithoutOneIsNotAvailable() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean("real", ChannelSender.class, () -> new ScriptedSender(ChannelKind.EMAIL, false));
            context.registerBean("override", ChannelSender.class, () -> new FirstSender(ChannelKind.EMAIL, true));
            context.refresh();
            ChannelSenders senders = new ChannelSenders(context.getBeanProvider(ChannelSender.class));

            assertThat(senders.find(ChannelKind.EMAIL)).get().isInstanceOf(FirstSender.class);
            assertThat(senders.find(ChannelKind.TELEGRAM)).isEmpty();
        }
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class FirstSender extends ScriptedSender {
        FirstSender(ChannelKind kind, boolean retriesUnknown) {
            super(kind, retriesUnknown);
        }
    }
}
