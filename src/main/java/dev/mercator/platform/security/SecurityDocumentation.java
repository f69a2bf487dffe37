package dev.mercator.platform.security;

import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ProblemAnswer;
import dev.mercator.platform.web.ProblemAnswer.Sample;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares in the OpenAPI description who may call each operation, from the rules the filter chain enforces ({@link
 * PathAccess}) and the webhook endpoints that check their sender's signature ({@link SignedDeliveries}): the security
 * schemes, each operation's requirement, and the 401, 403 and 429 the chain answers with. Anything else the
 * description shows is declared open ({@code security: []}), as the chain leaves it.
 */
@Component
class SecurityDocumentation implements OpenApiCustomizer {

    static final String API_KEY = "apiKey";
    static final String API_KEY_BEARER = "apiKeyBearer";
    static final String ADMIN_TOKEN = "adminToken";
    static final String ADMIN_BEARER = "adminBearer";

    private static final ProblemAnswer UNAUTHENTICATED = new ProblemAnswer(
            "Unauthenticated",
            "No valid merchant API key was presented",
            List.of(new Sample(
                    ProblemType.UNAUTHENTICATED, "A valid API key is required (X-Api-Key or Authorization: Bearer)")),
            Map.of("WWW-Authenticate", header("The challenge: ApiKey realm=\"mercator\"", new StringSchema())));

    private static final ProblemAnswer FORBIDDEN = new ProblemAnswer(
            "Forbidden",
            "The credential may not use this endpoint: merchant endpoints take a merchant's API key, not the admin"
                    + " token",
            new Sample(ProblemType.FORBIDDEN, "This credential may not use this endpoint"));

    private static final ProblemAnswer ADMIN_UNAUTHENTICATED = new ProblemAnswer(
            "AdminUnauthenticated",
            "The admin token was not presented, or is wrong",
            List.of(new Sample(
                    ProblemType.UNAUTHENTICATED,
                    "This endpoint requires the admin token (X-Admin-Token or Authorization: Bearer)")),
            Map.of("WWW-Authenticate", header("The challenge: ApiKey realm=\"mercator\"", new StringSchema())));

    private static final ProblemAnswer ADMIN_FORBIDDEN = new ProblemAnswer(
            "AdminForbidden",
            "A merchant's API key was presented, or admin endpoints are closed because no admin token is configured",
            new Sample(ProblemType.FORBIDDEN, "This credential may not use this endpoint"),
            new Sample(
                    ProblemType.ADMIN_DISABLED,
                    "Admin endpoints are closed: no admin token is configured (MERCATOR_ADMIN_TOKEN)"));

    private static final ProblemAnswer INVALID_SIGNATURE = new ProblemAnswer(
            "InvalidSignature",
            "The signature is missing or wrong, or the sender's account is unknown",
            new Sample(ProblemType.UNAUTHENTICATED, "Invalid webhook signature"));

    private static final ProblemAnswer TOO_MANY_REQUESTS = new ProblemAnswer(
            "TooManyRequests",
            "Over the per-address or per-API-key request limit; wait as long as Retry-After says",
            List.of(new Sample(ProblemType.RATE_LIMITED, "Rate limit exceeded; retry after 12 s")),
            Map.of(
                    "Retry-After",
                    header("Seconds until a request may succeed", new IntegerSchema()),
                    "X-RateLimit-Remaining",
                    header("Requests left in the current window: 0", new IntegerSchema())));

    private final List<SignedDeliveries> signed;

    SecurityDocumentation(List<SignedDeliveries> signed) {
        this.signed = List.copyOf(signed);
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components
                .addSecuritySchemes(
                        API_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("X-Api-Key")
                                .description("A merchant's API key (mk_...), issued by the operator; it acts for that"
                                        + " merchant only"))
                .addSecuritySchemes(
                        API_KEY_BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("A merchant's API key as a bearer token (Authorization: Bearer mk_...)"))
                .addSecuritySchemes(
                        ADMIN_TOKEN,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("X-Admin-Token")
                                .description("The operator's admin token (MERCATOR_ADMIN_TOKEN); admin endpoints are"
                                        + " closed when none is configured"))
                .addSecuritySchemes(
                        ADMIN_BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The admin token as a bearer token (Authorization: Bearer adm_...)"));
        for (SignedDeliveries deliveries : signed) {
            SignedDeliveries.Endpoint endpoint = deliveries.endpoint();
            components.addSecuritySchemes(
                    scheme(endpoint),
                    new SecurityScheme()
                            .type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER)
                            .name(endpoint.signatureHeader())
                            .description(endpoint.signature()));
        }
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) ->
                                    document(api, path, method == PathItem.HttpMethod.POST, operation)));
        }
    }

    private void document(OpenAPI api, String path, boolean post, Operation operation) {
        PathAccess access = PathAccess.of(path);
        Optional<SignedDeliveries.Endpoint> webhook = post && access == null
                ? signed.stream()
                        .map(SignedDeliveries::endpoint)
                        .filter(e -> e.path().equals(path))
                        .findFirst()
                : Optional.empty();
        if (access == PathAccess.ADMIN) {
            operation.setSecurity(List.of(requirement(ADMIN_TOKEN), requirement(ADMIN_BEARER)));
            ADMIN_UNAUTHENTICATED.addTo(api, operation);
            ADMIN_FORBIDDEN.addTo(api, operation);
        } else if (access == PathAccess.MERCHANT) {
            operation.setSecurity(List.of(requirement(API_KEY), requirement(API_KEY_BEARER)));
            UNAUTHENTICATED.addTo(api, operation);
            FORBIDDEN.addTo(api, operation);
        } else if (webhook.isPresent()) {
            SignedDeliveries.Endpoint endpoint = webhook.get();
            operation.setSecurity(List.of(requirement(scheme(endpoint))));
            // The scheme describes the signature header; a parameter of the same name would say it twice.
            if (operation.getParameters() != null) {
                operation.setParameters(new ArrayList<>(operation.getParameters().stream()
                        .filter(p -> !("header".equals(p.getIn())
                                && endpoint.signatureHeader().equalsIgnoreCase(p.getName())))
                        .toList()));
            }
            // An endpoint that refuses with 403 (Twilio's callbacks) documents that answer on its own operation.
            if (endpoint.refusalStatus() == 401) {
                INVALID_SIGNATURE.addTo(api, operation);
            }
        } else {
            operation.setSecurity(new ArrayList<>());
        }
        if (RequestRateLimitFilter.covers(path)) {
            TOO_MANY_REQUESTS.addTo(api, operation);
        }
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    private static String scheme(SignedDeliveries.Endpoint endpoint) {
        return endpoint.sender() + "Signature";
    }

    private static SecurityRequirement requirement(String scheme) {
        return new SecurityRequirement().addList(scheme);
    }
}
