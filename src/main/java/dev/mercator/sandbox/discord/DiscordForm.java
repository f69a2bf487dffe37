package dev.mercator.sandbox.discord;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's checks of an execute-webhook body, with its limits (content 2000, 10 embeds, title 256, description 4096,
 * 25 fields of name 256 and value 1024, footer 2048, author 256, all embeds' text together 6000) and its error shape:
 * 400 {@code {"code":50035,"message":"Invalid Form Body","errors":{<path>:{"_errors":[{code,message}]}}}}, the path
 * nested by field and index as Discord nests it.
 */
final class DiscordForm {

    private final ObjectNode errors = JsonNodeFactory.instance.objectNode();

    private DiscordForm() {}

    /** The errors of a body, empty when Discord would post it. */
    static ObjectNode check(JsonNode body) {
        DiscordForm form = new DiscordForm();
        form.checkBody(body);
        return form.errors;
    }

    private void checkBody(JsonNode body) {
        JsonNode content = body.path("content");
        if (!content.isMissingNode() && !content.isNull()) {
            if (!content.isString()) {
                error("STRING_TYPE_CONVERT", "Could not interpret \"" + content + "\" as string.", "content");
            } else {
                maxLength(content.asString(), 2000, "content");
            }
        }
        JsonNode embeds = body.path("embeds");
        if (embeds.isMissingNode() || embeds.isNull()) {
            return;
        }
        if (!embeds.isArray()) {
            error("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType", "embeds");
            return;
        }
        if (embeds.size() > 10) {
            error("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.", "embeds");
            return;
        }
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            total += checkEmbed(embeds.get(i), "embeds", Integer.toString(i));
        }
        if (total > 6000) {
            error("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000", "embeds");
        }
    }

    /** Checks one embed; its text length toward the 6000 total. */
    private int checkEmbed(JsonNode embed, String... at) {
        if (!embed.isObject()) {
            error("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType", at);
            return 0;
        }
        int size = 0;
        size += text(embed.path("title"), 256, path(at, "title"));
        size += text(embed.path("description"), 4096, path(at, "description"));
        size += text(embed.path("footer").path("text"), 2048, path(at, "footer", "text"));
        size += text(embed.path("author").path("name"), 256, path(at, "author", "name"));
        JsonNode url = embed.path("url");
        if (url.isString() && !httpUrl(url.asString())) {
            error("URL_TYPE_INVALID_URL", "Not a well formed URL.", path(at, "url"));
        }
        JsonNode color = embed.path("color");
        if (!color.isMissingNode()
                && !color.isNull()
                && (!color.isIntegralNumber() || color.asLong() < 0 || color.asLong() > 0xFFFFFF)) {
            error("NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.", path(at, "color"));
        }
        JsonNode timestamp = embed.path("timestamp");
        if (!timestamp.isMissingNode() && !timestamp.isNull()) {
            try {
                OffsetDateTime.parse(timestamp.asString(""));
            } catch (DateTimeParseException notIso) {
                error(
                        "DATE_TYPE_PARSE",
                        "Could not parse " + timestamp + ". Should be ISO8601.",
                        path(at, "timestamp"));
            }
        }
        JsonNode fields = embed.path("fields");
        if (fields.isArray()) {
            if (fields.size() > 25) {
                error("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.", path(at, "fields"));
            }
            for (int i = 0; i < fields.size(); i++) {
                String[] field = path(at, "fields", Integer.toString(i));
                size += required(fields.get(i).path("name"), 256, path(field, "name"));
                size += required(fields.get(i).path("value"), 1024, path(field, "value"));
            }
        }
        return size;
    }

    private int text(JsonNode value, int max, String[] at) {
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        String text = value.isString() ? value.asString() : value.toString();
        maxLength(text, max, at);
        return text.length();
    }

    private int required(JsonNode value, int max, String[] at) {
        if (value.isMissingNode() || value.isNull() || value.asString("").isEmpty()) {
            error("BASE_TYPE_REQUIRED", "This field is required", at);
            return 0;
        }
        return text(value, max, at);
    }

    private void maxLength(String text, int max, String... at) {
        if (text.length() > max) {
            error("BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.", at);
        }
    }

    private void error(String code, String message, String... at) {
        ObjectNode node = errors;
        for (String segment : at) {
            node = node.has(segment) ? (ObjectNode) node.get(segment) : node.putObject(segment);
        }
        (node.has("_errors") ? node.withArray("_errors") : node.putArray("_errors"))
                .addObject()
                .put("code", code)
                .put("message", message);
    }

    private static String[] path(String[] at, String... more) {
        String[] joined = new String[at.length + more.length];
        System.arraycopy(at, 0, joined, 0, at.length);
        System.arraycopy(more, 0, joined, at.length, more.length);
        return joined;
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
