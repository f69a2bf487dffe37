package dev.mercator.notifications.telegram;

import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a message as Telegram HTML: the subject in bold, the message, the details, the link. Every value is escaped
 * ({@code < > &}), because Telegram refuses the whole message (400, can't parse entities) for one stray {@code <} in
 * an alert. One message per delivery: a digest lists what fits in Telegram's 4096 characters and says how many were
 * left out, rather than splitting into several messages that could half-fail.
 */
final class TelegramText {

    /** Telegram's limit, on the text after entities are parsed; the markup is kept well inside it. */
    static final int MAX_TEXT = 4096;

    private static final int BUDGET = 3900;

    private TelegramText() {}

    static String html(OutgoingMessage message) {
        List<Notice> notices = message.notices();
        if (!message.digest()) {
            return cut(notice(notices.getFirst()), BUDGET);
        }
        StringBuilder text = new StringBuilder("<b>" + notices.size() + " alerts</b>\n");
        List<String> parts = new ArrayList<>();
        for (Notice notice : notices) {
            parts.add(headline(notice));
        }
        int shown = 0;
        for (String part : parts) {
            if (text.length() + part.length() + 80 > BUDGET) {
                break;
            }
            text.append('\n').append(part);
            shown++;
        }
        if (shown < notices.size()) {
            text.append("\n\n… and ").append(notices.size() - shown).append(" more in Mercator");
        }
        return text.toString();
    }

    private static String notice(Notice notice) {
        StringBuilder text = new StringBuilder();
        text.append(marker(notice.severity()))
                .append(" <b>")
                .append(escape(notice.subject()))
                .append("</b>\n");
        text.append(escape(notice.message()));
        Map<String, String> details = new TreeMap<>(notice.details());
        if (!details.isEmpty()) {
            text.append('\n');
            details.forEach((name, value) ->
                    text.append("\n<i>").append(escape(name)).append("</i>: ").append(escape(value)));
        }
        if (notice.link().startsWith("https://") || notice.link().startsWith("http://")) {
            text.append("\n\n<a href=\"").append(escape(notice.link())).append("\">Open in Mercator</a>");
        }
        return text.toString();
    }

    private static String headline(Notice notice) {
        return marker(notice.severity()) + " <b>" + escape(shorten(notice.subject(), 100)) + "</b>: "
                + escape(shorten(notice.message(), 200));
    }

    private static String marker(String severity) {
        return switch (severity) {
            case "critical" -> "🔴";
            case "warning" -> "🟠";
            default -> "🔵";
        };
    }

    /** HTML-escapes text as the Bot API's HTML mode requires: {@code <}, {@code >}, {@code &} and quotes. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String shorten(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1) + "…";
    }

    /**
     * A rendered single notice that is too long loses its tail; the cut is made on the plain text before escaping
     * would be safer, but a notice is rendered from bounded fields (the alert centre caps the message at 1000
     * characters), so only many long details can overflow, and those are dropped whole.
     */
    private static String cut(String html, int max) {
        if (html.length() <= max) {
            return html;
        }
        // Cut at the last line break that fits, so no tag or entity is split.
        int end = html.lastIndexOf('\n', max - 40);
        return (end > 0 ? html.substring(0, end) : escape("(message too long)")) + "\n…";
    }
}
