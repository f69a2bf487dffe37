package dev.mercator.platform.http;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Resolves relative request URIs against a base URL that is looked up on each request rather than when the client is
 * built: a sandbox provider's base URL contains this server's port, which is not known while beans are created.
 */
final class DeferredBaseUriBuilderFactory implements UriBuilderFactory {

    private final Supplier<URI> baseUrl;
    private volatile @Nullable Resolved resolved;

    DeferredBaseUriBuilderFactory(Supplier<URI> baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public URI expand(String uriTemplate, Map<String, ? extends @Nullable Object> uriVariables) {
        return delegate().expand(uriTemplate, uriVariables);
    }

    @Override
    public URI expand(String uriTemplate, @Nullable Object... uriVariables) {
        return delegate().expand(uriTemplate, uriVariables);
    }

    @Override
    public UriBuilder uriString(String uriTemplate) {
        return delegate().uriString(uriTemplate);
    }

    @Override
    public UriBuilder builder() {
        return delegate().builder();
    }

    private UriBuilderFactory delegate() {
        URI current = baseUrl.get();
        Resolved known = resolved;
        if (known == null || !known.base().equals(current)) {
            known = new Resolved(current, new DefaultUriBuilderFactory(current.toString()));
            resolved = known;
        }
        return known.factory();
    }

    private record Resolved(URI base, UriBuilderFactory factory) {}
}
