package dev.mercator.notifications.telegram;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.zalando.logbook.PathFilter;

/**
 * Masks the bot token in Bot API paths ({@code /bot<id>:<secret>/sendMessage}, also under {@code /sandbox/telegram})
 * before Logbook writes a request line, outbound and inbound alike: the token travels in the path, where header and
 * parameter obfuscation never look. The bot id before the colon is kept; it is public and tells bots apart.
 */
@Component
class TelegramTokenMasking implements PathFilter {

    private static final Pattern TOKEN = Pattern.compile("(/bot\\d*)(?::|%3A|%3a)[^/?#]*");

    @Override
    public String filter(String path) {
        return TOKEN.matcher(path).replaceAll("$1:XXX");
    }
}
