package dev.mercator.platform.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Answers {@code Expect: 100-continue} only once the application starts reading the body. Tomcat's default sends
 * {@code 100 Continue} before any filter runs, so a client uploading 40 MB of photos over the limit would send all of
 * it before hearing 413 (and, past Tomcat's swallow size, have the connection closed under it mid-write). Deferred,
 * {@link BodySizeLimitFilter} refuses on the declared length and the client never sends the body; curl asks for
 * 100-continue on every body over 1 MB.
 */
@Component
class ContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
