package dev.mercator.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link RestClient} of each external provider, so that every provider gets the same treatment: connect and
 * read timeouts always set, requests and responses logged by Logbook with secrets masked, every call timed as {@code
 * mercator.outbound.requests{provider, outcome}}, and the {@code http.client.requests} observation Boot's builder
 * brings. The client targets the provider's simulator in sandbox mode and its real API in live mode; provider adapters
 * only ever write relative paths.
 */
@Component
public class OutboundHttp implements DisposableBean {

    private final RestClient.Builder base;
    private final OutboundSettings settings;
    private final ProviderEndpoints endpoints;
    private final OutboundLogging logging;
    private final MeterRegistry meters;
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();
    private final List<CloseableHttpClient> closeables = new CopyOnWriteArrayList<>();

    OutboundHttp(
            RestClient.Builder base,
            OutboundSettings settings,
            ProviderEndpoints endpoints,
            OutboundLogging logging,
            MeterRegistry meters) {
        this.base = base;
        this.settings = settings;
        this.endpoints = endpoints;
        this.logging = logging;
        this.meters = meters;
        Set<String> unknown = new TreeSet<>(settings.overrides().keySet());
        unknown.removeAll(endpoints.providers());
        if (!unknown.isEmpty()) {
            // A misspelt provider in an override would otherwise silently leave the default timeouts in force.
            throw new IllegalStateException("mercator.outbound.providers has timeouts for unknown providers " + unknown
                    + "; known providers are " + endpoints.providers());
        }
    }

    /**
     * A client for one provider. Relative URIs resolve against the provider's base URL, looked up per request; the
     * settings must be valid (start-up has checked those that are beans).
     */
    public RestClient client(ProviderSettings provider) {
        return client(provider, false);
    }

    /**
     * The same client, except that Logbook logs the exchanges without their bodies: for a provider whose requests
     * carry what must never reach a log, such as a merchant's photos.
     */
    public RestClient clientWithoutBodies(ProviderSettings provider) {
        return client(provider, true);
    }

    private RestClient client(ProviderSettings provider, boolean withoutBodies) {
        String name = provider.provider();
        endpoints.mode(provider);
        // HTTP/1.1 in both modes, so the sandbox sees the same exchanges as the live API; no redirects, so a
        // credential is never replayed to another host.
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeoutFor(name))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        clients.add(http);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.readTimeoutFor(name));
        return base.clone()
                .requestFactory(requests)
                .uriBuilderFactory(new DeferredBaseUriBuilderFactory(() -> endpoints.baseUrl(provider)))
                // Metrics outermost, so a call is counted even when logging it fails.
                .requestInterceptor(new OutboundMetrics(name, meters))
                .requestInterceptor(withoutBodies ? logging.interceptorWithoutBodies() : logging.interceptor())
                .build();
    }

    /**
     * A client for URLs that someone outside gave us (a merchant's webhook), which have no base URL and must not reach
     * our own network. It runs on Apache HttpClient 5 rather than the JDK's because its DNS resolver can be replaced:
     * every connection resolves its host through {@code guard}, which refuses a private address with {@link
     * PublicAddressGuard.RefusedAddress} and otherwise hands back exactly the addresses it checked, so the address
     * connected to is the one checked (no DNS rebinding between check and connect) while TLS still verifies the
     * certificate against the URL's host name. No proxy (a proxy would resolve the name itself), no redirects (a 3xx
     * could point anywhere, the check included), no automatic retries (a retried POST is a duplicate), and timeouts
     * always set.
     *
     * @param name the name of the calls in logs and metrics ({@code webhook})
     */
    public RestClient guardedClient(
            String name, PublicAddressGuard guard, Duration connectTimeout, Duration readTimeout) {
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return guard.resolve(host)[0].getCanonicalHostName();
            }
        };
        Timeout read = Timeout.of(readTimeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(read)
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(read).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        closeables.add(http);
        return base.clone()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(http))
                .requestInterceptor(new OutboundMetrics(name, meters))
                .requestInterceptor(logging.interceptor())
                .build();
    }

    @Override
    public void destroy() {
        clients.forEach(HttpClient::shutdownNow);
        for (CloseableHttpClient http : closeables) {
            http.close(CloseMode.IMMEDIATE);
        }
    }
}
