package dev.mercator.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An error answer as the OpenAPI description shows it: declared once under {@code components.responses} by name and
 * referenced from each operation that can give it, with {@code application/problem+json} content in the shape
 * {@link ProblemResponses} writes and one example per problem type. The edge's own rules say which operations give
 * which answer ({@code ApiDocumentation} here, the security rules in platform.security), so controllers declare none.
 *
 * @param name the key under {@code components.responses}
 * @param examples what the answer may be, one or more problem types of the same status, each with a sample detail
 * @param headers response headers that come with it, by name
 */
public record ProblemAnswer(String name, String description, List<Sample> examples, Map<String, Header> headers) {

    static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String SCHEMA = "ProblemDetail";

    public ProblemAnswer {
        if (examples.isEmpty()
                || examples.stream().map(e -> e.type().status()).distinct().count() != 1) {
            throw new IllegalArgumentException("A problem answer needs examples, all of one status: " + name);
        }
        examples = List.copyOf(examples);
        headers = Map.copyOf(headers);
    }

    public ProblemAnswer(String name, String description, Sample... examples) {
        this(name, description, List.of(examples), Map.of());
    }

    /** A problem type with a detail such as the API gives for it. */
    public record Sample(ProblemType type, String detail) {}

    String status() {
        return Integer.toString(examples.getFirst().type().status().value());
    }

    /** Adds this answer to the operation, unless it already documents its status (a controller may say more). */
    public void addTo(OpenAPI api, Operation operation) {
        Components components = components(api);
        if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
            components.addResponses(name, response());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (!responses.containsKey(status())) {
            responses.addApiResponse(status(), new ApiResponse().$ref("#/components/responses/" + name));
        }
        operation.setResponses(sorted(responses));
    }

    /** Problem content for an error response a controller declared without any. */
    static Content content(OpenAPI api) {
        components(api);
        return new Content().addMediaType(MEDIA_TYPE, new MediaType().schema(schemaRef()));
    }

    private ApiResponse response() {
        MediaType media = new MediaType().schema(schemaRef());
        for (Sample sample : examples) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", sample.type().uri().toString());
            value.put("title", sample.type().title());
            value.put("status", sample.type().status().value());
            value.put("detail", sample.detail());
            value.put("requestId", "4f9c2a1e-7b3d-4e8a-9c1f-2d6b8e0a5c7d");
            if (sample.type() == ProblemType.VALIDATION) {
                value.put("errors", List.of(Map.of("field", "size", "message", "must be less than or equal to 200")));
            }
            media.addExamples(
                    sample.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    new Example().summary(sample.type().title()).value(value));
        }
        ApiResponse response =
                new ApiResponse().description(description).content(new Content().addMediaType(MEDIA_TYPE, media));
        headers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(header -> response.addHeaderObject(header.getKey(), header.getValue()));
        return response;
    }

    private static Components components(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        Components components = api.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchemas(SCHEMA, problemSchema());
        }
        return components;
    }

    private static Schema<?> schemaRef() {
        return new Schema<>().$ref("#/components/schemas/" + SCHEMA);
    }

    /** The body {@link ProblemResponses} writes: RFC 9457 members plus the request id and, for validation, errors. */
    private static Schema<?> problemSchema() {
        Schema<Object> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The request field or parameter at fault"))
                .addProperty("message", new StringSchema().description("What is wrong with it"));
        return new ObjectSchema()
                .description("An RFC 9457 problem detail; clients switch on `type`, which never changes once released")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("The problem type, a stable URN such as urn:mercator:problem:not-found"))
                .addProperty("title", new StringSchema().description("A short summary of the problem type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").description("The request path"))
                .addProperty(
                        "requestId",
                        new StringSchema().description("The X-Request-Id of the request; quote it when reporting"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(error)
                                .description("For validation problems: each invalid field and why"))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }
}
