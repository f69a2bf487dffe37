package dev.mercator.sandbox.vision;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.Json;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Iterator;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} with image input, as item recognition calls it: 401 for a
 * missing or unknown bearer key, 429 with OpenAI's body and {@code x-ratelimit-*} headers once the key's requests per
 * minute are spent, the 400s of {@link VisionRequests}, and otherwise a {@code chat.completion} whose answer is
 * deterministic: the item registered for the first photo whose SHA-256 is known (through {@code /sim/items}), filtered
 * to the properties of the requested schema, or an "unknown" at confidence 0.05. A registered photo can instead make
 * the model refuse, answer malformed JSON, run out of tokens ({@code finish_reason: length}) or be filtered ({@code
 * content_filter}). Evidence: docs/providers/vision.md.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + VisionSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class VisionSimulator implements SimulatedProvider {

    static final String NAME = "vision";

    private final SimulatedVision state;

    VisionSimulator(SimulatedVision state) {
        this.state = state;
    }

    @Override
    public String name() {
        return NAME;
    }

    @PostMapping("/v1/chat/completions")
    ResponseEntity<String> completions(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestBody(required = false) @Nullable String body) {
        state.requests.incrementAndGet();
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            state.rejected.incrementAndGet();
            return OpenAiErrors.error(
                    HttpStatus.UNAUTHORIZED,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using "
                            + "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank "
                            + "username) if you're accessing the API from your browser and are prompted for a "
                            + "username and password. You can obtain an API key from "
                            + "https://platform.openai.com/account/api-keys.",
                    "invalid_request_error",
                    null,
                    null);
        }
        String presented = authorization.substring(7).strip();
        SimulatedVision.Key key = state.keys.get(presented);
        if (key == null) {
            state.rejected.incrementAndGet();
            return OpenAiErrors.error(
                    HttpStatus.UNAUTHORIZED,
                    "Incorrect API key provided: " + masked(presented)
                            + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error",
                    null,
                    "invalid_api_key");
        }
        ConsumptionProbe probe = key.bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            state.throttled.incrementAndGet();
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            return OpenAiErrors.rateLimited(modelOf(body), key.requestsPerMinute, seconds);
        }
        VisionRequests.Checked checked = VisionRequests.check(body);
        if (checked.error() != null || checked.parsed() == null) {
            state.rejected.incrementAndGet();
            return withLimits(checked.error(), key, probe);
        }
        VisionRequests.Parsed request = checked.parsed();
        state.lastRequest.set(summary(request, body));
        state.answered.incrementAndGet();
        return withLimits(ResponseEntity.ok(Json.write(completion(request))), key, probe);
    }

    private ObjectNode completion(VisionRequests.Parsed request) {
        SimulatedVision.Item item = null;
        for (String hash : request.imageHashes()) {
            item = state.items.get(hash);
            if (item != null) {
                break;
            }
        }
        ObjectNode message = Json.object().put("role", "assistant");
        String finish = "stop";
        SimulatedVision.Behaviour behaviour = item == null ? SimulatedVision.Behaviour.ANSWER : item.behaviour();
        switch (behaviour) {
            case REFUSE -> {
                message.putNull("content");
                message.put("refusal", "I'm sorry, I can't help with identifying this item.");
            }
            case MALFORMED ->
                message.put("content", "{\"title\": \"Camera\", \"brand\": ").putNull("refusal");
            case TRUNCATE -> {
                message.put("content", "{\"title\": \"Vintage film camera with").putNull("refusal");
                finish = "length";
            }
            case FILTER -> {
                message.putNull("content").putNull("refusal");
                finish = "content_filter";
            }
            case ANSWER -> message.put("content", answer(request, item)).putNull("refusal");
        }
        message.putArray("annotations");
        ObjectNode completion = Json.object()
                .put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "chat.completion")
                .put("created", state.clock.instant().getEpochSecond())
                .put("model", request.model());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        int images = request.imageHashes().size() + request.httpsImages();
        completion
                .putObject("usage")
                .put("prompt_tokens", 100 + 85 * images)
                .put("completion_tokens", 40)
                .put("total_tokens", 140 + 85 * images);
        completion.put("service_tier", "default");
        return completion;
    }

    /** The answer as JSON text, with exactly the requested schema's properties (or plain text without a schema). */
    private static String answer(VisionRequests.Parsed request, SimulatedVision.@Nullable Item item) {
        ObjectNode full = Json.object();
        full.put("title", item == null ? "unknown" : item.title());
        putNullable(full, "brand", item == null ? null : item.brand());
        putNullable(full, "model", item == null ? null : item.model());
        putNullable(full, "gtin", item == null ? null : item.gtin());
        putNullable(full, "condition", item == null ? null : item.condition());
        full.put("confidence", item == null ? 0.05 : item.confidence());
        JsonNode schema = request.schema();
        if (schema == null) {
            return item == null ? "I can't tell what this item is." : "This looks like " + item.title() + ".";
        }
        ObjectNode shaped = Json.object();
        for (String property : schema.path("properties").propertyNames()) {
            JsonNode value = full.path(property);
            JsonNode allowed = schema.path("properties").path(property).path("enum");
            if (allowed.isArray() && !contains(allowed, value)) {
                value = null;
            }
            if (value == null || value.isMissingNode()) {
                shaped.putNull(property);
            } else {
                shaped.set(property, value);
            }
        }
        return Json.write(shaped);
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (Iterator<JsonNode> it = values.iterator(); it.hasNext(); ) {
            if (it.next().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void putNullable(ObjectNode node, String field, @Nullable String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** What tests may check about the last request: never the images themselves, their hashes. */
    private static ObjectNode summary(VisionRequests.Parsed request, @Nullable String body) {
        ObjectNode summary = Json.object()
                .put("model", request.model())
                .put("strictSchema", request.schema() != null)
                .put("maxTokens", request.maxTokens())
                .put("bytes", body == null ? 0 : body.length());
        ArrayNode hashes = summary.putArray("imageHashes");
        request.imageHashes().forEach(hashes::add);
        if (request.schema() != null) {
            summary.set("schema", request.schema());
        }
        return summary;
    }

    private static ResponseEntity<String> withLimits(
            @Nullable ResponseEntity<String> response, SimulatedVision.Key key, ConsumptionProbe probe) {
        if (response == null) {
            return ResponseEntity.internalServerError().build();
        }
        long reset = Math.max(1, (long) Math.ceil(60.0 / key.requestsPerMinute));
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header("x-ratelimit-limit-requests", String.valueOf(key.requestsPerMinute))
                .header("x-ratelimit-remaining-requests", String.valueOf(probe.getRemainingTokens()))
                .header("x-ratelimit-reset-requests", reset + "s")
                .body(response.getBody());
    }

    private static String modelOf(@Nullable String body) {
        try {
            return Json.MAPPER.readTree(body == null ? "" : body).path("model").asString("gpt-4o-mini");
        } catch (RuntimeException notJson) {
            return "gpt-4o-mini";
        }
    }

    /** OpenAI shows the first and last characters of a wrong key, never the whole of it. */
    static String masked(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(4) + key.substring(key.length() - 4);
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return OpenAiErrors.rateLimited("gpt-4o-mini", SimulatedVision.DEFAULT_RPM, Math.max(1, retryAfterSeconds));
    }

    @Override
    public ResponseEntity<String> badRequest() {
        return OpenAiErrors.invalid("you must provide a model parameter", null, null);
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return status == HttpStatus.SERVICE_UNAVAILABLE
                ? OpenAiErrors.error(
                        status,
                        "The engine is currently overloaded, please try again later.",
                        "server_error",
                        null,
                        null)
                : OpenAiErrors.error(
                        status,
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null);
    }
}
