package dev.mercator.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The valve on its own, in a bare embedded Tomcat with no Spring error page in front of it: the error responses the
 * application normally answers itself (an empty error status, an exception nobody handled) and one it cannot change (a
 * response already committed when the error came).
 */
class ProblemErrorReportValveIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebServer server;
    private RawHttp raw;

    @BeforeEach
    void start() {
        ProblemResponses problems = new ProblemResponses(JSON);
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new ContainerErrorReports(new StaticListableBeanFactory(Map.of("problems", problems))
                        .getBeanProvider(ProblemResponses.class))
                .customize(factory);
        server = factory.getWebServer(
                context -> context.addServlet("errors", new Errors()).addMapping("/*"));
        server.start();
        raw = new RawHttp(server.getPort());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anErrorSentWithNoBodyGetsAProblem() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /error/409 HTTP/1.1"));

        JsonNode problem = assertProblem(reply, 409, "urn:mercator:problem:conflict");
        assertThat(problem.get("instance").asString()).isEqualTo("/error/409");
        assertThat(problem.has("requestId")).isFalse();
    }

    @Test
    void aStatusSetWithoutSendErrorIsLeftAsTheApplicationMadeIt() throws IOException {
        // Tomcat reports only errors (sendError, an exception, its own refusals); an empty 4xx set with setStatus is
        // a deliberate answer, such as a simulated vendor's, and keeps its empty body.
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /status/409 HTTP/1.1"));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void aRequestThatPassedTheRequestIdFilterKeepsItsId() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /with-request-id HTTP/1.1"));

        JsonNode problem = assertProblem(reply, 503, "urn:mercator:problem:unavailable");
        assertThat(problem.get("requestId").asString()).isEqualTo("req-42");
    }

    @Test
    void anUnhandledExceptionIsAnInternalErrorProblemThatSaysNothingAboutIt() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /throw HTTP/1.1"));

        assertProblem(reply, 500, "urn:mercator:problem:internal-error");
        assertThat(reply.body()).doesNotContain("secret-internal-detail", "IllegalStateException", "at dev.mercator");
    }

    @Test
    void aResponseAlreadyCommittedWhenTheErrorCameIsLeftAsItWas() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /commit-then-throw HTTP/1.1"));

        // The status and the first part of the body are on the wire; Tomcat ends the response there and nothing is
        // appended, so the client sees a cut-off body, not a 200 with a problem glued to it.
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.body()).startsWith("partial").doesNotContain("urn:mercator:problem");
    }

    @Test
    void aSuccessIsNotTouched() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /status/204 HTTP/1.1"));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }

    private static JsonNode assertProblem(RawHttp.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    /** Misbehaves in the ways an application can, with no error page of its own. */
    private static final class Errors extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            if (path.startsWith("/error/")) {
                response.sendError(Integer.parseInt(path.substring("/error/".length())));
            } else if (path.startsWith("/status/")) {
                response.setStatus(Integer.parseInt(path.substring("/status/".length())));
            } else if (path.equals("/with-request-id")) {
                request.setAttribute(RequestIdFilter.MDC_KEY, "req-42");
                response.sendError(503);
            } else if (path.equals("/throw")) {
                throw new IllegalStateException("secret-internal-detail");
            } else if (path.equals("/commit-then-throw")) {
                response.setContentType("text/plain");
                response.getWriter().write("partial");
                response.flushBuffer();
                throw new IllegalStateException("after commit");
            }
        }
    }
}
