package dev.mercator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** How the HTTP edge answers bad requests: always an RFC 9457 problem, never a half-stored change. */
class HttpEdgeIntegrationTests extends IntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired
    JdbcClient jdbc;

    @Test
    void unknownRouteIsNotFoundProblem() {
        Api.Response response = api.get("/no/such/route");

        assertProblem(response, 404, "urn:mercator:problem:not-found");
    }

    @Test
    void unknownApiRouteIsNotFoundForAnAuthenticatedCaller() {
        Tenant tenant = newMerchant("Lost");

        assertProblem(tenant.api().get("/api/no-such-thing"), 404, "urn:mercator:problem:not-found");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        Tenant tenant = newMerchant("Wrong Method");

        Api.Response response = tenant.api().send("DELETE", "/api/me", null, null);

        assertProblem(response, 405, "urn:mercator:problem:method-not-allowed");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void malformedJsonIsBadRequestAndStoresNothing() {
        long before = merchants();

        Api.Response response = admin.send(
                "POST", "/api/admin/merchants", "application/json", "{\"name\": ".getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 400, "urn:mercator:problem:malformed-body");
        assertThat(merchants()).isEqualTo(before);
    }

    @Test
    void wronglyTypedFieldIsBadRequest() {
        long before = merchants();

        Api.Response response = admin.post("/api/admin/merchants", "{\"name\": {\"nested\": true}}");

        assertProblem(response, 400, "urn:mercator:problem:malformed-body");
        assertThat(merchants()).isEqualTo(before);
    }

    @Test
    void validationErrorNamesTheFailingField() {
        long before = merchants();

        Api.Response response = admin.post("/api/admin/merchants", "{\"name\": \"\"}");

        assertProblem(response, 400, "urn:mercator:problem:validation-failed");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).isNotNull();
        assertThat(errors.get(0).get("field").asString()).isEqualTo("name");
        assertThat(merchants()).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        Api.Response response =
                admin.send("POST", "/api/admin/merchants", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 415, "urn:mercator:problem:unsupported-media-type");
    }

    @Test
    void declaredOversizedBodyIsRejectedBeforeReading() {
        long before = merchants();
        byte[] body = ("{\"name\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        Api.Response response = admin.send("POST", "/api/admin/merchants", "application/json", body);

        assertProblem(response, 413, "urn:mercator:problem:payload-too-large");
        assertThat(merchants()).isEqualTo(before);
    }

    @Test
    void anOversizedUploadThatAsksToContinueIsRefusedBeforeItsBodyIsSent() throws Exception {
        Tenant tenant = newMerchant("Expect Continue");
        // Only the head goes out, as curl sends it for a large body: the server must answer 413 without first
        // inviting the 50 MB body with 100 Continue.
        String head = "POST /api/pricing/items HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + tenant.apiKey()
                + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + 50L * 1024 * 1024
                + "\r\nExpect: 100-continue\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void chunkedOversizedBodyIsRejectedWhileReading() throws Exception {
        long before = merchants();
        byte[] body = ("{\"name\": \"" + "y".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A body publisher without a known length makes the JDK client send it chunked: no Content-Length to check.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/merchants"))
                .header("Content-Type", "application/json")
                .header("X-Admin-Token", ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(PROBLEM_JSON));
        assertThat(merchants()).isEqualTo(before);
    }

    @Test
    void missingCredentialIsUnauthorizedProblem() {
        Api.Response response = api.get("/api/me");

        assertProblem(response, 401, "urn:mercator:problem:unauthenticated");
        assertThat(response.header("WWW-Authenticate")).startsWith("ApiKey");
    }

    @Test
    void unknownKeyIsUnauthorized() {
        Api.Response response = api.asMerchant("mk_" + "A".repeat(43)).get("/api/me");

        assertProblem(response, 401, "urn:mercator:problem:unauthenticated");
    }

    @Test
    void malformedKeyIsUnauthorized() {
        assertProblem(
                api.asMerchant("mk_short;DROP TABLE").get("/api/me"), 401, "urn:mercator:problem:unauthenticated");
        assertProblem(api.asMerchant("x".repeat(5000)).get("/api/me"), 401, "urn:mercator:problem:unauthenticated");
    }

    @Test
    void wrongAdminTokenIsUnauthorized() {
        Api.Response response = api.asAdmin("wrong-token").get("/api/admin/merchants");

        assertProblem(response, 401, "urn:mercator:problem:unauthenticated");
    }

    @Test
    void merchantKeyCannotUseAdminEndpoints() {
        Tenant tenant = newMerchant("Not Admin");

        Api.Response response = tenant.api().post("/api/admin/merchants", "{\"name\": \"sneaky\"}");

        assertProblem(response, 403, "urn:mercator:problem:forbidden");
        assertThat(tenant.api().get("/actuator/metrics").status()).isEqualTo(403);
    }

    @Test
    void adminTokenIsNotAMerchant() {
        assertProblem(admin.get("/api/me"), 403, "urn:mercator:problem:forbidden");
    }

    @Test
    void adminTokenAlsoWorksAsBearer() {
        assertThat(api.get("/api/admin/merchants", "Authorization", "Bearer " + ADMIN_TOKEN)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void healthAndPrometheusArePublicOtherActuatorEndpointsAreAdmin() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
        assertProblem(api.get("/actuator/metrics"), 401, "urn:mercator:problem:unauthenticated");
        assertThat(admin.get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void securityHeadersOnEveryResponse() {
        for (Api.Response response :
                new Api.Response[] {api.get("/actuator/health"), api.get("/api/me"), api.get("/nope")}) {
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            // Plain HTTP: HSTS is only meaningful, and only sent, over TLS.
            assertThat(response.header("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void corsIsClosedWithoutConfiguredOrigins() {
        Api.Response preflight = api.send(
                "OPTIONS",
                "/api/me",
                null,
                null,
                "Origin",
                "https://evil.example",
                "Access-Control-Request-Method",
                "GET");

        // No allow-origin header: the browser refuses the cross-origin call.
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void requestIdIsEchoed() {
        Api.Response response = api.get("/actuator/health", "X-Request-Id", "trace-me-123");

        assertThat(response.header("X-Request-Id")).isEqualTo("trace-me-123");
        assertThat(api.get("/actuator/health").header("X-Request-Id")).isNotBlank();
    }

    @Test
    void problemsCarryTheRequestIdAndNoInternals() {
        Api.Response response = admin.send(
                "POST",
                "/api/admin/merchants",
                "application/json",
                "{\"name\": tru".getBytes(StandardCharsets.UTF_8),
                "X-Request-Id",
                "req-42");

        assertThat(response.json().get("requestId").asString()).isEqualTo("req-42");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.mercator");
    }

    @Test
    void openApiDescriptionIsServed() {
        Api.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/admin/merchants")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private long merchants() {
        return jdbc.sql("select count(*) from merchants").query(Long.class).single();
    }

    static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        JsonNode body = response.json();
        assertThat(body.get("type").asString()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }
}
