package dev.mercator.notifications.sms;

import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import java.util.List;
import java.util.Locale;

/**
 * The text of an SMS: short, because every 153 characters (67 with an emoji) is another billed segment and Twilio
 * refuses more than 1600. One notice: severity, subject, message. A digest: the count and the first subjects.
 */
final class SmsBody {

    /** Two concatenated GSM-7 segments; the link, when there is one, is kept whole on top. */
    static final int MAX = 306;

    private SmsBody() {}

    static String of(OutgoingMessage message) {
        List<Notice> notices = message.notices();
        String link = notices.getFirst().link();
        String text;
        if (!message.digest()) {
            Notice notice = notices.getFirst();
            text = "[" + notice.severity().toUpperCase(Locale.ROOT) + "] " + notice.subject() + ": " + notice.message();
        } else {
            StringBuilder digest = new StringBuilder("Mercator: " + notices.size() + " alerts.");
            for (Notice notice : notices) {
                digest.append(' ').append(notice.subject()).append(';');
            }
            text = digest.toString();
        }
        text = text.replaceAll("\\s+", " ").strip();
        boolean withLink =
                !message.digest() && (link.startsWith("https://") || link.startsWith("http://")) && link.length() < 120;
        int room = withLink ? MAX - link.length() - 1 : MAX;
        if (text.length() > room) {
            text = text.substring(0, room - 1) + "…";
        }
        return withLink ? text + " " + link : text;
    }
}
