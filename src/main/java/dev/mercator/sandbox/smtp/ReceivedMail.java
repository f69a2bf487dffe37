package dev.mercator.sandbox.smtp;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * One message the SMTP server accepted, as the inbox API shows it: the envelope (what MAIL FROM and RCPT TO said,
 * which may differ from the headers), every header in order, and the text and HTML parts decoded.
 *
 * @param messageId the {@code Message-ID} header as sent, angle brackets included
 * @param listUnsubscribe the {@code List-Unsubscribe} header, or null when the message has none
 * @param authenticatedAs the user name the client logged in with (AUTH), or null when it did not
 */
record ReceivedMail(
        String envelopeFrom,
        @Nullable String authenticatedAs,
        List<String> envelopeRecipients,
        Instant receivedAt,
        @Nullable String messageId,
        @Nullable String subject,
        @Nullable String listUnsubscribe,
        @Nullable String listUnsubscribePost,
        List<HeaderLine> headers,
        @Nullable String text,
        @Nullable String html,
        int size) {

    record HeaderLine(String name, String value) {}

    static ReceivedMail parse(
            String envelopeFrom, @Nullable String authenticatedAs, List<String> recipients, byte[] raw, Instant at)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        List<HeaderLine> headers = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.add(new HeaderLine(header.getName(), header.getValue()));
        }
        Parts parts = new Parts();
        parts.collect(message);
        return new ReceivedMail(
                envelopeFrom,
                authenticatedAs,
                List.copyOf(recipients),
                at,
                message.getHeader("Message-ID", null),
                message.getSubject(),
                message.getHeader("List-Unsubscribe", null),
                message.getHeader("List-Unsubscribe-Post", null),
                List.copyOf(headers),
                parts.text,
                parts.html,
                raw.length);
    }

    /** The first text/plain and the first text/html part, wherever they are in the MIME tree. */
    private static final class Parts {
        private @Nullable String text;
        private @Nullable String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
    }
}
