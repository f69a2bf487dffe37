package dev.mercator.platform.web;

import dev.mercator.platform.web.ProblemAnswer.Sample;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The frame of the OpenAPI description at {@code /v3/api-docs}, and the error answers of the HTTP edge, documented once
 * from the edge's rules rather than on each controller method: 400 wherever there is input to validate, 404 wherever
 * the path names something, 413 wherever a body is read. Who may call what, and the 401, 403 and 429 that follow, come
 * from platform.security. A controller that documents an error of its own ({@code @ApiResponse}) gets problem content
 * for it here. CI lints the result with Redocly's recommended rules ({@code .ci/openapi-lint}).
 */
@Configuration
class ApiDocumentation {

    static final ProblemAnswer BAD_REQUEST = new ProblemAnswer(
            "BadRequest",
            "The request is invalid: a field or parameter fails validation, or the body is not JSON of the expected"
                    + " shape",
            new Sample(ProblemType.VALIDATION, "The request has invalid fields"),
            new Sample(ProblemType.MALFORMED_BODY, "The request body is not valid JSON of the expected shape"),
            new Sample(ProblemType.BAD_REQUEST, "Give exactly one of delta or physical"));

    static final ProblemAnswer NOT_FOUND = new ProblemAnswer(
            "NotFound",
            "Nothing by that id or name exists for this caller",
            new Sample(ProblemType.NOT_FOUND, "No SKU SKU-1"));

    static final ProblemAnswer CONTENT_TOO_LARGE = new ProblemAnswer(
            "ContentTooLarge",
            "The request body exceeds the configured limit (mercator.http.max-body-size)",
            new Sample(ProblemType.PAYLOAD_TOO_LARGE, BodySizeLimitFilter.describe(1_048_576)));

    @Bean
    OpenAPI mercatorOpenApi(@Value("${spring.application.version:unversioned}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Mercator API")
                        .version(version)
                        .description("Catalog search, inventory sync and merchant accounts. Merchants call with their"
                                + " API key, the operator with the admin token; every error is an RFC 9457 problem"
                                + " (application/problem+json) whose `type` is stable."))
                // Relative, so the description is right wherever this instance is served from.
                .servers(List.of(new Server().url("/").description("This Mercator instance")));
    }

    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            if (api.getPaths() != null) {
                api.getPaths()
                        .forEach((path, item) ->
                                item.readOperations().forEach(operation -> document(api, path, operation)));
            }
        };
    }

    private static void document(OpenAPI api, String path, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        if (body
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty())) {
            BAD_REQUEST.addTo(api, operation);
        }
        if (path.contains("{")) {
            NOT_FOUND.addTo(api, operation);
        }
        if (body) {
            CONTENT_TOO_LARGE.addTo(api, operation);
        }
        // An error a controller documents itself still comes as a problem (springdoc would otherwise give it the
        // operation's own media type and return type).
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if (status.matches("[45]..")
                        && response.get$ref() == null
                        && (response.getContent() == null
                                || !response.getContent().containsKey(ProblemAnswer.MEDIA_TYPE))) {
                    response.setContent(ProblemAnswer.content(api));
                }
            });
        }
    }
}
