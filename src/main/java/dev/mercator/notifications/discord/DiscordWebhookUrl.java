package dev.mercator.notifications.discord;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discord execute-webhook URL as the channel settings dialog copies it: {@code
 * https://discord.com/api/webhooks/{id}/{token}} on one of Discord's hosts, optionally with an API version ({@code
 * /api/v10/webhooks/...}). Anything else, a message link or another site's URL, is refused, so a token is never sent
 * anywhere but Discord.
 *
 * @param id the webhook's snowflake id, not secret (it names the rate-limit bucket)
 * @param token the webhook's token: the secret
 */
record DiscordWebhookUrl(String id, String token) {

    private static final Set<String> HOSTS = Set.of(
            "discord.com",
            "ptb.discord.com",
            "canary.discord.com",
            "discordapp.com",
            "ptb.discordapp.com",
            "canary.discordapp.com");
    private static final Pattern PATH =
            Pattern.compile("/api(?:/v\\d{1,2})?/webhooks/(\\d{17,20})/([A-Za-z0-9_-]{20,100})/?");

    static Optional<DiscordWebhookUrl> parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme())
                || uri.getHost() == null
                || !HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))
                || uri.getPort() != -1
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawPath() == null) {
            return Optional.empty();
        }
        Matcher matcher = PATH.matcher(uri.getRawPath());
        return matcher.matches()
                ? Optional.of(new DiscordWebhookUrl(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    /** The request path under the API's base. */
    String executePath() {
        return "/api/webhooks/" + id + "/" + token;
    }

    @Override
    public String toString() {
        return "DiscordWebhookUrl[" + id + "]";
    }
}
