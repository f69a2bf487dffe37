package dev.mercator.notifications.discord;

import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a message as an execute-webhook body: one embed per notice (title from the subject, description from the
 * message, colour by severity, one field per detail, the time, the link), at most ten, cut to fit Discord's limits
 * before sending, because Discord refuses an oversized message whole (400, Invalid Form Body) rather than trimming it.
 * Mentions are switched off: alert text quoting "@everyone" must not ping a merchant's whole server.
 */
final class DiscordMessages {

    static final int MAX_EMBEDS = 10;
    static final int MAX_CONTENT = 2000;
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_FIELDS = 25;
    static final int MAX_FIELD_NAME = 256;
    static final int MAX_FIELD_VALUE = 1024;
    static final int MAX_FOOTER = 2048;
    /** Discord's limit on all embeds' text together; a margin is kept for the footers. */
    static final int MAX_TOTAL = 6000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CRITICAL = 0xE74C3C;
    private static final int WARNING = 0xF1C40F;
    private static final int INFO = 0x3498DB;

    private DiscordMessages() {}

    static String body(OutgoingMessage message) {
        ObjectNode body = JSON.createObjectNode();
        List<Notice> notices = message.notices();
        List<Notice> shown = notices.subList(0, Math.min(MAX_EMBEDS, notices.size()));
        if (message.digest()) {
            String content = notices.size() + " alerts";
            if (notices.size() > shown.size()) {
                content += "; the first " + shown.size() + " are shown, the rest are in Mercator";
            }
            body.put("content", content);
        }
        // Each embed gets an equal share of the total, so a long first alert cannot crowd out the others.
        int share = (MAX_TOTAL - 100) / shown.size();
        ArrayNode embeds = body.putArray("embeds");
        for (Notice notice : shown) {
            embeds.add(embed(notice, share));
        }
        body.putObject("allowed_mentions").putArray("parse");
        return JSON.writeValueAsString(body);
    }

    private static ObjectNode embed(Notice notice, int budget) {
        ObjectNode embed = JSON.createObjectNode();
        String title =
                cut(notice.subject().isBlank() ? notice.type() : notice.subject(), Math.min(MAX_TITLE, budget / 4));
        embed.put("title", title);
        int left = budget - title.length();
        String footer = cut(notice.severity() + " · " + notice.type(), Math.min(MAX_FOOTER, 128));
        left -= footer.length();
        embed.putObject("footer").put("text", footer);
        String description = cut(notice.message(), Math.min(MAX_DESCRIPTION, Math.max(0, left / 2)));
        if (!description.isEmpty()) {
            embed.put("description", description);
            left -= description.length();
        }
        embed.put("color", colour(notice.severity()));
        embed.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(notice.occurredAt()));
        if (notice.link().startsWith("https://") || notice.link().startsWith("http://")) {
            embed.put("url", notice.link());
        }
        ArrayNode fields = embed.putArray("fields");
        for (Map.Entry<String, String> detail : new TreeMap<>(notice.details()).entrySet()) {
            String name = cut(detail.getKey(), MAX_FIELD_NAME);
            String value = cut(detail.getValue(), MAX_FIELD_VALUE);
            if (fields.size() == MAX_FIELDS
                    || name.isBlank()
                    || value.isBlank()
                    || name.length() + value.length() > left) {
                break;
            }
            fields.addObject().put("name", name).put("value", value).put("inline", value.length() <= 40);
            left -= name.length() + value.length();
        }
        return embed;
    }

    private static int colour(String severity) {
        return switch (severity) {
            case "critical" -> CRITICAL;
            case "warning" -> WARNING;
            default -> INFO;
        };
    }

    /** At most {@code max} characters, with an ellipsis when cut, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        String stripped = text.strip();
        if (stripped.length() <= max) {
            return stripped;
        }
        if (max <= 1) {
            return "";
        }
        int end = max - 1;
        if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
            end--;
        }
        return stripped.substring(0, end) + "…";
    }
}
