package dev.mercator.platform.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.zalando.logbook.BodyFilter;
import org.zalando.logbook.CorrelationId;
import org.zalando.logbook.HeaderFilter;
import org.zalando.logbook.Logbook;
import org.zalando.logbook.PathFilter;
import org.zalando.logbook.QueryFilter;
import org.zalando.logbook.RequestFilter;
import org.zalando.logbook.ResponseFilter;
import org.zalando.logbook.Sink;
import org.zalando.logbook.Strategy;
import org.zalando.logbook.attributes.AttributeExtractor;
import org.zalando.logbook.core.WithoutBodyStrategy;
import org.zalando.logbook.spring.LogbookClientHttpRequestInterceptor;

/**
 * Logbook for calls to providers. It uses the filters and sink configured under {@code logbook.*} (so the same headers,
 * query parameters and JSON fields are masked) but not the {@code logbook.predicate} include list: that list selects
 * which <em>inbound</em> requests are logged ({@code /sandbox/**}), and applied to outbound calls it would silence every
 * live provider, whose paths never start with {@code /sandbox}. ({@code logbook.write.max-body-size} is not applied
 * here either; set none, or add the truncating body filter here too.)
 */
@Component
class OutboundLogging {

    private final ClientHttpRequestInterceptor interceptor;
    private final ClientHttpRequestInterceptor withoutBodies;

    OutboundLogging(
            ObjectProvider<HeaderFilter> headerFilters,
            ObjectProvider<QueryFilter> queryFilters,
            ObjectProvider<PathFilter> pathFilters,
            ObjectProvider<BodyFilter> bodyFilters,
            ObjectProvider<RequestFilter> requestFilters,
            ObjectProvider<ResponseFilter> responseFilters,
            ObjectProvider<AttributeExtractor> attributeExtractor,
            Strategy strategy,
            Sink sink,
            CorrelationId correlationId) {
        var builder = Logbook.builder()
                .headerFilters(headerFilters.orderedStream().toList())
                .queryFilters(queryFilters.orderedStream().toList())
                .pathFilters(pathFilters.orderedStream().toList())
                .bodyFilters(bodyFilters.orderedStream().toList())
                .requestFilters(requestFilters.orderedStream().toList())
                .responseFilters(responseFilters.orderedStream().toList())
                .strategy(strategy)
                .sink(sink)
                .correlationId(correlationId);
        attributeExtractor.ifUnique(builder::attributeExtractor);
        this.interceptor = new LogbookClientHttpRequestInterceptor(builder.build());
        // Same filters and sink, but neither body is read or written: for calls whose bodies carry a merchant's
        // photos (item recognition), which must not end up in logs even at TRACE.
        this.withoutBodies = new LogbookClientHttpRequestInterceptor(
                builder.strategy(new WithoutBodyStrategy()).build());
    }

    ClientHttpRequestInterceptor interceptor() {
        return interceptor;
    }

    ClientHttpRequestInterceptor interceptorWithoutBodies() {
        return withoutBodies;
    }
}
