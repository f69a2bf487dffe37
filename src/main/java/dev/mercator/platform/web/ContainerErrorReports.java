package dev.mercator.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorReportValve} where Tomcat's HTML {@code ErrorReportValve} would be: on the Host, which is the
 * only place that sees requests refused before the application (no context, filter or error page is involved yet).
 *
 * <p>The Host adds its error report valve when it starts, unless one of the configured class is already in its
 * pipeline; naming ours and adding it first means Tomcat's is never created. Boot adds the context to the Host before
 * it runs context customizers, so the Host is reachable from one.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ObjectProvider<ProblemResponses> problems;

    ContainerErrorReports(ObjectProvider<ProblemResponses> problems) {
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
                throw new IllegalStateException("Expected the Tomcat context to sit in a StandardHost, found "
                        + context.getParent() + "; the problem+json error report cannot be installed");
            }
            ProblemErrorReportValve valve = new ProblemErrorReportValve(problems::getObject);
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(valve);
        });
    }
}
