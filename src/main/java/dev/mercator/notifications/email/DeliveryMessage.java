package dev.mercator.notifications.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A message whose {@code Message-ID} is fixed by the delivery, not generated afresh on every save (Jakarta Mail's
 * default), so a retry carries the same id and a reader's mail client, or the relay, can tell it is the same message.
 * It also remembers whether its content was written out in full: Angus Mail writes it only after the relay answered
 * 354 to DATA, so a timeout after that is a send whose outcome is unknown, and one before it a send that surely failed.
 */
final class DeliveryMessage extends MimeMessage {

    private final String messageId;
    private volatile boolean written;

    DeliveryMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    @Override
    public void writeTo(OutputStream out, String @Nullable [] ignoreList) throws IOException, MessagingException {
        super.writeTo(out, ignoreList);
        written = true;
    }

    /** Whether the whole content went to the relay: after DATA, then, with only the final reply outstanding. */
    boolean written() {
        return written;
    }
}
