package dev.mercator.notifications.email;

import dev.mercator.notifications.channel.SendOutcome;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Classes a failed send by RFC 5321: a reply code 4xx is a transient refusal (mailbox busy, greylisting, local error),
 * 5xx a permanent one; 5xx to {@code RCPT TO} means the address itself is refused, so the destination is gone. Angus
 * Mail carries the relay's reply in {@link SMTPAddressFailedException} (RCPT), {@link SMTPSenderFailedException} (MAIL
 * FROM) and {@link SMTPSendFailedException} (DATA), chained under Spring's {@link MailSendException}. Without a reply: a
 * connection that could not be made is transient; a timeout or a broken connection once the whole message was written
 * is unknown (the relay may have taken it), and before that transient.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static SendOutcome classify(MailException failure, boolean contentWritten) {
        if (failure instanceof MailAuthenticationException) {
            // Mercator's relay credentials, not the merchant's destination: retried while an operator fixes them.
            return transientFailure("smtp_auth_failed", "the relay refused Mercator's SMTP credentials");
        }
        Set<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof SMTPAddressFailedException refused) {
                return byCode(refused.getReturnCode(), "RCPT TO", refused.getMessage(), true);
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SMTPSenderFailedException refused) {
                return byCode(refused.getReturnCode(), "MAIL FROM", refused.getMessage(), false);
            }
            if (cause instanceof SMTPSendFailedException refused) {
                return byCode(refused.getReturnCode(), "DATA", refused.getMessage(), false);
            }
        }
        boolean io = false;
        for (Throwable cause : causes) {
            if (cause instanceof MailConnectException
                    || cause instanceof ConnectException
                    || cause instanceof UnknownHostException) {
                return transientFailure("connect_failed", "could not connect to the relay: " + simple(cause));
            }
            io |= cause instanceof IOException;
        }
        if (contentWritten) {
            boolean timedOut = causes.stream().anyMatch(SocketTimeoutException.class::isInstance);
            return new SendOutcome.Unknown((timedOut ? "no reply" : "connection lost")
                    + " after the whole message was sent: the relay may have accepted it");
        }
        return transientFailure(
                io ? "smtp_io" : "smtp_error", "the send failed before the message was taken: " + simple(failure));
    }

    private static SendOutcome byCode(int code, String command, @Nullable String reply, boolean recipient) {
        String reason = "SMTP " + code + " to " + command + ": " + oneLine(reply);
        if (code >= 400 && code < 500) {
            return transientFailure("smtp_4xx", reason);
        }
        if (code >= 500 && code < 600) {
            return new SendOutcome.Permanent(recipient ? "smtp_recipient_refused" : "smtp_5xx", reason, recipient);
        }
        // Not a refusal code at all: a broken relay, so try again later.
        return transientFailure("smtp_protocol", reason);
    }

    private static SendOutcome transientFailure(String errorClass, String reason) {
        return new SendOutcome.Transient(errorClass, reason, null, Optional.empty());
    }

    /** Every exception under {@code failure}: causes, Jakarta Mail's next exceptions and Spring's failed messages. */
    private static Set<Throwable> causes(MailException failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        if (failure instanceof MailSendException send) {
            Map<Object, Exception> failed = send.getFailedMessages();
            todo.addAll(failed.values());
        }
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable next = todo.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.add(messaging.getNextException());
            }
        }
        return seen;
    }

    private static String simple(Throwable failure) {
        return failure.getClass().getSimpleName();
    }

    private static String oneLine(@Nullable String reply) {
        return reply == null ? "" : reply.replaceAll("\\s+", " ").strip();
    }
}
