package dev.mercator.marketplaces.amazon;

import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import org.springframework.context.ApplicationContext;

/**
 * The PA-API adapter of a running application, for tests outside this package: it is a bean only with {@code
 * mercator.catalog.amazon.api=paapi}, and building it from the application's own outbound machinery and settings lets
 * a test of another Amazon API's context cover it too, without a context of its own.
 */
public final class PaApiSources {

    private PaApiSources() {}

    public static ProductSource of(ApplicationContext app) {
        return new PaApiSource(
                app.getBean(OutboundHttp.class),
                app.getBean(ProviderEndpoints.class),
                app.getBean(PaApiSettings.class));
    }
}
