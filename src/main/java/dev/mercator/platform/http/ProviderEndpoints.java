package dev.mercator.platform.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Decides where each provider's calls go and refuses to start with a provider that could not work: a mode other than
 * sandbox or live, or live mode without the credentials the provider declares. Every problem of every provider is
 * reported at once, by setting and environment variable, so one restart fixes them all.
 *
 * <p>In sandbox mode the base URL is this very server, {@code http://localhost:<port>/sandbox/<provider>}. The port is
 * only known once the web server has started (tests use a random one), so it is resolved on each call, not when a
 * client is built.
 */
@Component
public class ProviderEndpoints implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProviderEndpoints.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Environment environment;
    private final boolean sandboxEnabled;
    private final Set<String> providers = new TreeSet<>();
    private volatile int port = -1;

    ProviderEndpoints(ObjectProvider<ProviderSettings> settings, Environment environment) {
        this.environment = environment;
        this.sandboxEnabled = environment.getProperty("mercator.sandbox.enabled", Boolean.class, true);
        List<String> problems = new ArrayList<>();
        List<String> inSandbox = new ArrayList<>();
        settings.orderedStream().forEach(provider -> {
            List<String> found = problems(provider);
            problems.addAll(found);
            providers.add(provider.provider());
            if (found.isEmpty() && ProviderMode.parse(provider.mode(), "") == ProviderMode.SANDBOX) {
                inSandbox.add(provider.provider());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidProviderSettings(problems);
        }
        if (!inSandbox.isEmpty() && !sandboxEnabled) {
            // Not fatal: production may leave providers it does not use in sandbox mode. Their calls fail with 404
            // and their health checks are left out; the warning says why.
            log.warn(
                    "Providers {} are in sandbox mode but the sandbox is disabled (MERCATOR_SANDBOX_ENABLED=false): "
                            + "their calls will fail until they are set to live",
                    inSandbox);
        }
    }

    /** The mode of a provider, failing with the settings to fix if its configuration is invalid. */
    public ProviderMode mode(ProviderSettings provider) {
        List<String> problems = problems(provider);
        if (!problems.isEmpty()) {
            throw new InvalidProviderSettings(problems);
        }
        return ProviderMode.parse(provider.mode(), setting(provider, "mode"));
    }

    /**
     * Whether the provider has something to talk to: false in sandbox mode while the sandbox is disabled, as in the
     * prod profile for providers it does not use. Health checks of such a provider are left out rather than reported
     * down for ever.
     */
    public boolean available(ProviderSettings provider) {
        return sandboxEnabled || mode(provider) == ProviderMode.LIVE;
    }

    /** Where the provider's calls go now: its live base URL, or its simulator on this server. */
    public URI baseUrl(ProviderSettings provider) {
        if (mode(provider) == ProviderMode.LIVE) {
            return URI.create(stripTrailingSlash(String.valueOf(provider.baseUrl())));
        }
        return URI.create("http://localhost:" + serverPort() + contextPath() + "/sandbox/" + provider.provider());
    }

    /** Names of the providers whose settings are declared, e.g. to check per-provider overrides against. */
    public Set<String> providers() {
        return Set.copyOf(providers);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // A separate management server announces itself too; only the main server serves /sandbox.
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** Everything wrong with one provider's settings, each naming the setting and its environment variable. */
    static List<String> problems(ProviderSettings provider) {
        String name = provider.provider();
        if (!NAME.matcher(name).matches()) {
            return List.of("provider name '" + name + "' must be lower-case letters, digits and dashes");
        }
        ProviderMode mode;
        try {
            mode = ProviderMode.parse(provider.mode(), setting(provider, "mode"));
        } catch (IllegalStateException invalid) {
            return List.of(invalid.getMessage());
        }
        if (mode == ProviderMode.SANDBOX) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String baseUrl = provider.baseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            problems.add(setting(provider, "base-url") + " is required in live mode");
        } else if (!isHttpUrl(baseUrl)) {
            problems.add(setting(provider, "base-url") + " must be an absolute http(s) URL in live mode");
        }
        for (ProviderSettings.Credential credential : provider.liveCredentials()) {
            if (!credential.present()) {
                problems.add(setting(provider, credential.key()) + " is required in live mode");
            }
        }
        return problems;
    }

    /** {@code mercator.providers.heartbeat.api-token (MERCATOR_HEARTBEAT_API_TOKEN)}. */
    static String setting(ProviderSettings provider, String key) {
        String property = "mercator.providers." + provider.provider() + "." + key;
        String variable = ("MERCATOR_" + provider.provider() + "_" + key)
                .toUpperCase(Locale.ROOT)
                .replace('-', '_');
        return property + " (" + variable + ")";
    }

    private int serverPort() {
        int known = port;
        if (known > 0) {
            return known;
        }
        Integer announced = environment.getProperty("local.server.port", Integer.class);
        if (announced == null || announced <= 0) {
            throw new IllegalStateException("The sandbox is served by this application; its port is not known until "
                    + "the web server has started");
        }
        return announced;
    }

    private String contextPath() {
        return stripTrailingSlash(environment.getProperty("server.servlet.context-path", ""));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String stripTrailingSlash(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
