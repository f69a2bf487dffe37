package dev.mercator.platform.http;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address at which the outside world reaches this Mercator ({@code mercator.public-url}): the base of links in
 * messages to merchants and of callback URLs handed to providers (Twilio's status callback). Unset, it is this server
 * on localhost, which is right for the sandbox and for a laptop, and wrong behind any proxy: production sets it (the
 * prod profile's start-up checks say so).
 */
@Component
public class PublicUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile int port = -1;

    PublicUrl(Environment environment) {
        String value = environment.getProperty("mercator.public-url", "").strip();
        this.configured = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!configured.isEmpty()) {
            URI uri = URI.create(configured);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalStateException(
                        "mercator.public-url (MERCATOR_PUBLIC_URL) must be an absolute http(s) URL, was " + value);
            }
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** Whether an operator set the public address, rather than it being guessed as localhost. */
    public boolean configured() {
        return !configured.isEmpty();
    }

    /** The public base URL without a trailing slash. */
    public String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (port < 0) {
            throw new IllegalStateException("the server's port is not known before it has started");
        }
        return "http://localhost:" + port;
    }

    /** An absolute URL for {@code path} (which starts with {@code /}). */
    public String resolve(String path) {
        return base() + path;
    }
}
