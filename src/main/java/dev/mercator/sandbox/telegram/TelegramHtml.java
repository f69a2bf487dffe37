package dev.mercator.sandbox.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Bot API's {@code parse_mode=HTML}: only its tags ({@code b strong i em u ins s strike del a code pre span
 * tg-spoiler tg-emoji blockquote}), properly nested and closed, and only the entities lt, gt, amp and quot
 * and numeric ones. Anything else is refused as Telegram refuses it, "Bad Request: can't parse entities: …" with the
 * byte offset. The text that counts toward the 4096 limit is what remains once the markup is parsed.
 */
final class TelegramHtml {

    private static final Set<String> TAGS = Set.of(
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "a",
            "code",
            "pre",
            "span",
            "tg-spoiler",
            "tg-emoji",
            "blockquote");

    /** The parsed text, or the reason Telegram gives for refusing the markup. */
    record Parsed(String text, @Nullable String error) {}

    private TelegramHtml() {}

    static Parsed parse(String html) {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    return refused("Unclosed start tag at byte offset " + offset(html, i));
                }
                String tag = html.substring(i + 1, end).strip();
                boolean closing = tag.startsWith("/");
                String name = (closing ? tag.substring(1) : tag).split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
                if (!TAGS.contains(name)) {
                    return refused((closing ? "Unexpected end tag" : "Unsupported start tag \"" + name + "\"")
                            + " at byte offset " + offset(html, i));
                }
                if (closing) {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        return refused("Unmatched end tag at byte offset " + offset(html, i) + ", expected \"</"
                                + (open.isEmpty() ? "" : open.peek()) + ">\", found \"</" + name + ">\"");
                    }
                    open.pop();
                } else {
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String entity = end < 0 ? "" : html.substring(i + 1, end);
                String decoded = switch (entity) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    default -> entity.matches("#\\d{1,7}|#x[0-9a-fA-F]{1,6}") ? "?" : null;
                };
                if (decoded == null) {
                    // Telegram keeps an unknown entity as text rather than refusing it.
                    text.append('&');
                    i++;
                } else {
                    text.append(decoded);
                    i = end + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            return refused("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return new Parsed(text.toString(), null);
    }

    private static Parsed refused(String reason) {
        return new Parsed("", "Bad Request: can't parse entities: " + reason);
    }

    private static int offset(String html, int index) {
        return html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }
}
