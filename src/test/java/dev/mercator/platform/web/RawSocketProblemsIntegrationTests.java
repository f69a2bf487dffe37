package dev.mercator.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the server can produce is an {@code application/problem+json} with a stable type, including requests
 * refused before they reach a controller: by Spring Security's firewall, or by Tomcat itself before any filter runs.
 * Sent as raw bytes over a socket, since an HTTP client would refuse to send most of these or quietly repair them.
 */
class RawSocketProblemsIntegrationTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "X-Admin-Token: " + ADMIN_TOKEN;
    private static final Set<String> PROBLEM_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "requestId");

    private RawHttp raw;

    @BeforeEach
    void rawClient() {
        raw = new RawHttp(port);
    }

    static Stream<Arguments> firewallRejections() {
        return Stream.of(
                Arguments.of("a path parameter", RawHttp.request("GET /api/x;jsessionid=1 HTTP/1.1")),
                Arguments.of("a path parameter on a public path", RawHttp.request("GET /x;jsessionid=1 HTTP/1.1")),
                Arguments.of("encoded dots", RawHttp.request("GET /api/%2e%2e/admin HTTP/1.1")),
                Arguments.of("a double slash", RawHttp.request("GET //api HTTP/1.1")),
                // U+0085 is legal obs-text on the wire, so Tomcat lets it through; it is a control character to the
                // firewall, which checks a header when it is read: here by the credentials filter...
                Arguments.of(
                        "a control character in a header the security filters read",
                        RawHttp.request("GET /api/me HTTP/1.1", "X-Api-Key: key\u0085")),
                // ...and here by content negotiation inside Spring MVC, after authentication.
                Arguments.of(
                        "a control character in a header Spring MVC reads",
                        RawHttp.request("GET /api/admin/merchants HTTP/1.1", ADMIN, "Accept: application/json\u0085")),
                Arguments.of(
                        "a control character in a header nobody reads",
                        RawHttp.request("GET /no/such/route HTTP/1.1", "X-Note: a\u0085b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firewallRejections")
    void aRequestTheFirewallRefusesIsARequestRejectedProblem(String what, String request) throws IOException {
        RawHttp.Reply reply = raw.send(request);

        JsonNode problem = assertProblem(reply, 400, "urn:mercator:problem:request-rejected");
        // The firewall runs after RequestIdFilter, so the rejection can be found in the logs by its id.
        assertThat(problem.get("requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("an encoded slash", RawHttp.request("GET /api/a%2Fb HTTP/1.1")),
                Arguments.of("an encoded backslash", RawHttp.request("GET /api/a%5Cb HTTP/1.1")),
                Arguments.of("malformed percent-encoding", RawHttp.request("GET /api/%zz HTTP/1.1")),
                Arguments.of("a brace in the request target", RawHttp.request("GET /api/{x} HTTP/1.1")),
                Arguments.of(
                        "a control character in the request target", RawHttp.request("GET /api/a\u0001b HTTP/1.1")),
                Arguments.of("a raw space in the request target", RawHttp.request("GET /api/a b HTTP/1.1")),
                Arguments.of(
                        "a control character in a header value",
                        RawHttp.request("GET /api/me HTTP/1.1", "X-Note: a\u0001b")),
                Arguments.of("a DEL in a header value", RawHttp.request("GET /api/me HTTP/1.1", "X-Note: a\u007fb")),
                Arguments.of("a space in a header name", RawHttp.request("GET /api/me HTTP/1.1", "Bad Header: x")),
                Arguments.of("a separator in a header name", RawHttp.request("GET /api/me HTTP/1.1", "X(a): x")),
                Arguments.of("an invalid method", RawHttp.request("G(T /api/me HTTP/1.1")),
                Arguments.of("a garbage request line", "HELLO\r\n\r\n"),
                Arguments.of(
                        "a TLS handshake on the plain port",
                        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"),
                Arguments.of("an HTTP/1.1 request without Host", "GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n"),
                Arguments.of(
                        "a non-numeric Content-Length",
                        RawHttp.request("POST /api/admin/merchants HTTP/1.1", ADMIN, "Content-Length: abc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aRequestTomcatCannotParseIsAMalformedRequestProblem(String what, String request) throws IOException {
        RawHttp.Reply reply = raw.send(request);

        JsonNode problem = assertProblem(reply, 400, "urn:mercator:problem:malformed-request");
        // Refused before RequestIdFilter ran: there is no request id to give (see ProblemErrorReportValve).
        assertThat(problem.has("requestId")).isFalse();
        assertThat(problem.get("detail").asString()).doesNotContain("\u0001", "{x}", "HELLO");
    }

    @Test
    void headersLargerThanTomcatAcceptsAreA431ProblemThatSaysSo() throws IOException {
        // Boot's default server.max-http-request-header-size is 8KB.
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /api/me HTTP/1.1", "X-Big: " + "a".repeat(12_000)));

        JsonNode problem = assertProblem(reply, 431, "urn:mercator:problem:headers-too-large");
        assertThat(problem.get("detail").asString()).contains("larger than this server accepts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedVersions")
    void anUnsupportedHttpVersionIsA505Problem(String version) throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /api/me " + version));

        assertProblem(reply, 505, "urn:mercator:problem:http-version-not-supported");
    }

    static Stream<String> unsupportedVersions() {
        return Stream.of("HTTP/1.2", "HTTP/2.0", "HTTP/3.0");
    }

    @Test
    void connectIsANotImplementedProblem() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("CONNECT localhost:80 HTTP/1.1"));

        assertProblem(reply, 501, "urn:mercator:problem:not-implemented");
    }

    @Test
    void anHttp09RequestIsAnsweredInHttp09WithTheProblemAsTheWholeResponse() throws IOException {
        // Tomcat still serves HTTP/0.9 for GET: the response is the body alone, with no status line or headers to
        // carry a content type. Recorded as it is, not skipped: the body is still the problem.
        RawHttp.Reply reply = raw.send("GET /\r\n");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(-1);
        assertThat(reply.headers()).isEmpty();
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:mercator:problem:not-found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws IOException {
        assertProblem(raw.send(RawHttp.request("GET /no/such/route HTTP/1.1")), 404, "urn:mercator:problem:not-found");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("PATCH /api/admin/merchants HTTP/1.1", ADMIN));

        assertProblem(reply, 405, "urn:mercator:problem:method-not-allowed");
    }

    @Test
    void traceIsAMethodNotAllowedProblemForTheRequestedPath() throws IOException {
        // Refused by the servlet container and answered through the error page, which must name the path asked for.
        RawHttp.Reply reply = raw.send(RawHttp.request("TRACE /api/me HTTP/1.1"));

        JsonNode problem = assertProblem(reply, 405, "urn:mercator:problem:method-not-allowed");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/me");
    }

    @Test
    void anUnsupportedBodyTypeIsAnUnsupportedMediaTypeProblem() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request(
                        "POST /api/admin/merchants HTTP/1.1", ADMIN, "Content-Type: text/plain", "Content-Length: 6")
                + "name=x");

        assertProblem(reply, 415, "urn:mercator:problem:unsupported-media-type");
    }

    @Test
    void anUnproducibleAcceptIsANotAcceptableProblem() throws IOException {
        RawHttp.Reply reply = raw.send(RawHttp.request("GET /api/admin/merchants HTTP/1.1", ADMIN, "Accept: text/csv"));

        assertProblem(reply, 406, "urn:mercator:problem:not-acceptable");
    }

    private static JsonNode assertProblem(RawHttp.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContainIgnoringCase("<html");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.propertyNames()).isSubsetOf(PROBLEM_MEMBERS);
        return problem;
    }
}
