package dev.mercator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests over the loopback to the running server, with full control over headers
 * and raw bodies (malformed JSON, wrong content types, oversized payloads) that typed clients would refuse to send.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;
    private final Map<String, String> defaults;

    public Api(int port) {
        this("http://localhost:" + port, Map.of());
    }

    private Api(String base, Map<String, String> defaults) {
        this.base = base;
        this.defaults = defaults;
    }

    /** The same client with a header sent on every request (an API key, say). */
    public Api with(String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(defaults);
        headers.put(header, value);
        return new Api(base, headers);
    }

    public Api asMerchant(String apiKey) {
        return with("X-Api-Key", apiKey);
    }

    public Api asAdmin(String adminToken) {
        return with("X-Admin-Token", adminToken);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    public Response post(String path, Object json, String... headers) {
        return send("POST", path, "application/json", body(json), headers);
    }

    public Response put(String path, Object json, String... headers) {
        return send("PUT", path, "application/json", body(json), headers);
    }

    private static final int LARGE_BODY = 1024 * 1024;

    /** A raw body with an explicit content type (or {@code null} for none). */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        defaults.forEach(request::header);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (body != null && body.length > LARGE_BODY) {
            // As curl does: a large body waits for 100 Continue, so a refusal on its declared length arrives before
            // the client has written (and the server has closed the connection under) megabytes it will not read.
            request.expectContinue(true);
        }
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(Object json) {
        if (json instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (json instanceof byte[] raw) {
            return raw;
        }
        return JSON.writeValueAsBytes(json);
    }

    /** A response with its body both raw and, when it is JSON, parsed. */
    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] raw) {

        public String body() {
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(raw);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
