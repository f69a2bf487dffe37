package dev.mercator.sandbox.vision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The vision simulator on its own: OpenAI's authentication, validation, rate limit and error bodies. */
class VisionSimulatorIntegrationTests extends IntegrationTest {

    private static final String COMPLETIONS = "/sandbox/vision/v1/chat/completions";
    private static final String IMAGE = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==";

    private String key;

    @BeforeEach
    void ownKey() {
        key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
        assertThat(api.post("/sandbox/vision/sim/keys", Map.of("key", key, "requestsPerMinute", 100))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aMissingOrUnknownKeyIs401WithOpenAisErrorBody() {
        Api.Response missing = api.post(COMPLETIONS, request(IMAGE));
        Api.Response unknown = api.post(COMPLETIONS, request(IMAGE), "Authorization", "Bearer sk-nobody-12345678");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(unknown.status()).isEqualTo(401);
        JsonNode error = unknown.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asString()).doesNotContain("sk-nobody-12345678");
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void requestsAreValidatedAsOpenAiDoes() {
        Map<String, Object> noModel = Map.of("messages", java.util.List.of(Map.of("role", "user", "content", "hi")));
        assertThat(call(noModel).json().path("error").path("message").asString())
                .isEqualTo("you must provide a model parameter");

        Api.Response empty = call(Map.of("model", "gpt-4o-mini", "messages", java.util.List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").path("param").asString()).isEqualTo("messages");

        Api.Response badUrl = call(request("http://example.com/photo.jpg"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().path("error").path("code").asString()).isEqualTo("invalid_image_url");

        Map<String, Object> loose = new java.util.HashMap<>(request(IMAGE));
        loose.put(
                "response_format",
                Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of(
                                "name",
                                "item",
                                "strict",
                                true,
                                "schema",
                                Map.of("type", "object", "properties", Map.of("title", Map.of("type", "string"))))));
        Api.Response notStrict = call(loose);
        assertThat(notStrict.status()).isEqualTo(400);
        assertThat(notStrict.json().path("error").path("code").asString()).isEqualTo("invalid_json_schema");

        Api.Response notJson = api.post(COMPLETIONS, "{not json", "Authorization", "Bearer " + key);
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void overTheKeysRequestsPerMinuteIs429WithRateLimitHeaders() {
        api.post("/sandbox/vision/sim/keys", Map.of("key", key, "requestsPerMinute", 2));
        assertThat(call(request(IMAGE)).status()).isEqualTo(200);
        Api.Response second = call(request(IMAGE));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("x-ratelimit-remaining-requests")).isEqualTo("0");

        Api.Response third = call(request(IMAGE));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(third.json().path("error").path("type").asString()).isEqualTo("requests");
        assertThat(Long.parseLong(third.header("retry-after"))).isPositive();
        assertThat(third.header("x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(third.header("x-ratelimit-reset-requests")).endsWith("s");
    }

    @Test
    void anUnknownPhotoIsAnUnknownAnswerAtLowConfidenceInTheShapeOfAChatCompletion() {
        JsonNode completion = call(request(IMAGE)).json();

        assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.path("message").path("refusal").isNull()).isTrue();
        // No schema asked: plain text.
        assertThat(choice.path("message").path("content").asString()).contains("can't tell");
    }

    private Api.Response call(Object body) {
        return api.post(COMPLETIONS, body, "Authorization", "Bearer " + key);
    }

    private static Map<String, Object> request(String imageUrl) {
        return Map.of(
                "model",
                "gpt-4o-mini",
                "messages",
                java.util.List.of(Map.of(
                        "role",
                        "user",
                        "content",
                        java.util.List.of(
                                Map.of("type", "text", "text", "What is this?"),
                                Map.of("type", "image_url", "image_url", Map.of("url", imageUrl))))));
    }
}
