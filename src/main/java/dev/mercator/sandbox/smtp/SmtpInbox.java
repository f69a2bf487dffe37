package dev.mercator.sandbox.smtp;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the SMTP server accepted, oldest first; bounded, so a long demo run does not grow without end. In memory and
 * per instance, like every simulator's state.
 */
@Component
@ConditionalOnSandbox
class SmtpInbox {

    static final int CAPACITY = 10_000;

    private final List<ReceivedMail> messages = new ArrayList<>();

    synchronized void add(ReceivedMail mail) {
        if (messages.size() >= CAPACITY) {
            messages.removeFirst();
        }
        messages.add(mail);
    }

    /** The messages, or only those whose envelope names {@code recipient} (case-insensitive). */
    synchronized List<ReceivedMail> list(@Nullable String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return List.copyOf(messages);
        }
        String wanted = recipient.strip().toLowerCase(Locale.ROOT);
        List<ReceivedMail> matching = new ArrayList<>();
        for (ReceivedMail mail : messages) {
            if (mail.envelopeRecipients().stream()
                    .anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(wanted))) {
                matching.add(mail);
            }
        }
        return matching;
    }

    synchronized void clear() {
        messages.clear();
    }
}
