package dev.mercator.sandbox.vision;

import dev.mercator.sandbox.catalog.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Checks a chat-completions request the way OpenAI does before any model runs, answering its 400s: a model, a
 * non-empty {@code messages} array of known roles, content as a string or an array of {@code text} and {@code
 * image_url} parts, each image a base64 data URL of an image type or an https URL, and a {@code json_schema} response
 * format with a name and a schema that strict mode accepts (every property required, {@code additionalProperties}
 * false).
 */
final class VisionRequests {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
    private static final Pattern DATA_URL =
            Pattern.compile("data:(image/(?:jpeg|png|webp|gif));base64,(.*)", Pattern.DOTALL);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private VisionRequests() {}

    /** A request that passed: its model, the SHA-256 of each inline image, and the strict schema if one was asked. */
    record Parsed(
            String model,
            List<String> imageHashes,
            int httpsImages,
            @Nullable JsonNode schema,
            int maxTokens) {}

    /** Either the parsed request or OpenAI's 400. */
    record Checked(@Nullable Parsed parsed, @Nullable ResponseEntity<String> error) {}

    static Checked check(@Nullable String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (RuntimeException invalid) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return fail(
                    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
                            + "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                            + "valid JSON.)",
                    null,
                    null);
        }
        JsonNode model = root.path("model");
        if (!model.isString() || model.asString().isBlank()) {
            return fail("you must provide a model parameter", null, null);
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray()) {
            return fail("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (messages.isEmpty()) {
            return fail(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty "
                            + "array instead.",
                    "messages",
                    "empty_array");
        }
        List<String> hashes = new ArrayList<>();
        int https = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages[" + i + "]";
            if (!ROLES.contains(message.path("role").asString(""))) {
                return fail(
                        "Invalid value: '" + message.path("role").asString("") + "'. Supported values are: "
                                + "'system', 'assistant', 'user', 'tool', and 'developer'.",
                        at + ".role",
                        "invalid_value");
            }
            JsonNode content = message.path("content");
            if (content.isString()) {
                continue;
            }
            if (!content.isArray()) {
                return fail(
                        "Invalid type for '" + at + ".content': expected one of a string or array of objects.",
                        at + ".content",
                        "invalid_type");
            }
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                String partAt = at + ".content[" + j + "]";
                switch (part.path("type").asString("")) {
                    case "text" -> {
                        if (!part.path("text").isString()) {
                            return fail(
                                    "Missing required parameter: '" + partAt + ".text'.",
                                    partAt + ".text",
                                    "missing_required_parameter");
                        }
                    }
                    case "image_url" -> {
                        if (!message.path("role").asString("").equals("user")) {
                            return fail(
                                    "Image URLs are only allowed for messages with role 'user', but this message "
                                            + "with role '"
                                            + message.path("role").asString("") + "' contains an image URL.",
                                    at + ".content",
                                    null);
                        }
                        String url = part.path("image_url").path("url").asString("");
                        String detail = part.path("image_url").path("detail").asString("auto");
                        if (!Set.of("auto", "low", "high").contains(detail)) {
                            return fail(
                                    "Invalid value: '" + detail + "'. Supported values are: 'auto', 'low', and "
                                            + "'high'.",
                                    partAt + ".image_url.detail",
                                    "invalid_value");
                        }
                        Matcher data = DATA_URL.matcher(url);
                        if (url.startsWith("https://")) {
                            https++;
                        } else if (data.matches()) {
                            byte[] bytes;
                            try {
                                bytes = Base64.getDecoder().decode(data.group(2));
                            } catch (IllegalArgumentException notBase64) {
                                bytes = new byte[0];
                            }
                            if (bytes.length == 0) {
                                return fail(
                                        "You uploaded an unsupported image. Please make sure your image is valid.",
                                        null,
                                        "invalid_image_format");
                            }
                            hashes.add(sha256(bytes));
                        } else {
                            return fail(
                                    "Invalid image URL: '" + partAt + ".image_url.url'. Expected a base64-encoded "
                                            + "data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU=')"
                                            + ", or an https URL.",
                                    partAt + ".image_url.url",
                                    "invalid_image_url");
                        }
                    }
                    default -> {
                        return fail(
                                "Invalid value: '" + part.path("type").asString("") + "'. Supported values are: "
                                        + "'text', 'image_url', 'input_audio', 'refusal', and 'file'.",
                                partAt + ".type",
                                "invalid_value");
                    }
                }
            }
        }
        int maxTokens = Integer.MAX_VALUE;
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode tokens = root.path(field);
            if (tokens.isMissingNode() || tokens.isNull()) {
                continue;
            }
            if (!tokens.isIntegralNumber() || tokens.asInt() < 1) {
                return fail(
                        "Invalid '" + field + "': integer below minimum value. Expected a value >= 1.",
                        field,
                        "integer_below_min_value");
            }
            maxTokens = Math.min(maxTokens, tokens.asInt());
        }
        JsonNode format = root.path("response_format");
        JsonNode schema = null;
        if (!format.isMissingNode() && !format.isNull()) {
            String type = format.path("type").asString("");
            if (type.equals("json_schema")) {
                JsonNode spec = format.path("json_schema");
                if (!SCHEMA_NAME.matcher(spec.path("name").asString("")).matches()) {
                    return fail(
                            "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a"
                                    + " string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                            "response_format.json_schema.name",
                            "invalid_value");
                }
                schema = spec.path("schema");
                if (!schema.isObject()) {
                    return fail(
                            "Missing required parameter: 'response_format.json_schema.schema'.",
                            "response_format.json_schema.schema",
                            "missing_required_parameter");
                }
                if (spec.path("strict").asBoolean(false)) {
                    String problem = strictProblem(schema);
                    if (problem != null) {
                        return fail(
                                "Invalid schema for response_format '"
                                        + spec.path("name").asString() + "': In " + "context=(), " + problem,
                                "response_format",
                                "invalid_json_schema");
                    }
                }
            } else if (!type.equals("text") && !type.equals("json_object")) {
                return fail(
                        "Invalid value: '" + type + "'. Supported values are: 'json_object', 'json_schema', and "
                                + "'text'.",
                        "response_format.type",
                        "invalid_value");
            }
        }
        return new Checked(new Parsed(model.asString(), List.copyOf(hashes), https, schema, maxTokens), null);
    }

    /** What strict mode refuses at the top level of the schema, or null. */
    private static @Nullable String strictProblem(JsonNode schema) {
        if (!schema.path("type").asString("").equals("object")) {
            return "schema must be a JSON Schema of 'type: \"object\"', got 'type: \""
                    + schema.path("type").asString("None") + "\"'.";
        }
        if (!schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean()) {
            return "'additionalProperties' is required to be supplied and to be false.";
        }
        JsonNode properties = schema.path("properties");
        JsonNode required = schema.path("required");
        for (String name : properties.propertyNames()) {
            boolean listed = false;
            for (JsonNode entry : required) {
                listed |= entry.asString("").equals(name);
            }
            if (!listed) {
                return "'required' is required to be supplied and to be an array including every key in properties. "
                        + "Missing '" + name + "'.";
            }
        }
        return null;
    }

    private static Checked fail(String message, @Nullable String param, @Nullable String code) {
        return new Checked(null, OpenAiErrors.invalid(message, param, code));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
