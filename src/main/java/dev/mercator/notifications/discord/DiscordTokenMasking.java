package dev.mercator.notifications.discord;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.zalando.logbook.PathFilter;

/**
 * Masks the token in execute-webhook paths ({@code /api/webhooks/<id>/<token>}, also under {@code /sandbox/discord})
 * before Logbook writes a request line, outbound and inbound alike: the token is the webhook's only credential and it
 * travels in the path, where header and parameter obfuscation never look.
 */
@Component
class DiscordTokenMasking implements PathFilter {

    private static final Pattern TOKEN = Pattern.compile("(/webhooks/[^/]+/)[^/?#]+");

    @Override
    public String filter(String path) {
        return TOKEN.matcher(path).replaceAll("$1XXX");
    }
}
