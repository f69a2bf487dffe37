package dev.mercator.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description at {@code /v3/api-docs}: written to {@code target/openapi.json} for {@code .ci/openapi-lint}
 * (Redocly's recommended rules), and held to what the server really does, which a linter cannot see.
 */
class OpenApiDescriptionIntegrationTests extends IntegrationTest {

    static final Path DUMP = Path.of("target", "openapi.json");

    private Api.Response served;
    private JsonNode description;

    @BeforeEach
    void fetch() {
        served = api.get("/v3/api-docs");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        description = served.json();
    }

    @Test
    void theDescriptionIsWrittenForTheLinter() throws Exception {
        Files.createDirectories(DUMP.getParent());
        Files.write(DUMP, served.raw());

        assertThat(DUMP).isNotEmptyFile();
        assertThat(operations()).hasSizeGreaterThan(20);
    }

    @Test
    void everyOperationHasAnIdOfItsOwnNotOneSpringdocMadeUnique() {
        Set<String> ids = new HashSet<>();
        for (Op op : operations()) {
            String id = op.operation().path("operationId").asString("");
            // springdoc makes a clashing method name unique with a _1, _2 suffix: an id that changes as code moves.
            assertThat(id).as(op.toString()).matches("[a-z][A-Za-z]+");
            assertThat(ids.add(id)).as("duplicate operationId " + id).isTrue();
        }
    }

    @Test
    void everyMerchantOperationRefusesNoKeyAndTheAdminToken() {
        List<Op> merchantOps = withScheme("apiKey");
        assertThat(merchantOps).isNotEmpty();

        for (Op op : merchantOps) {
            assertThat(op.call(api).status()).as("no key: " + op).isEqualTo(401);
            assertThat(op.call(admin).status()).as("admin token: " + op).isEqualTo(403);
            assertThat(op.operation().path("responses").has("401"))
                    .as(op.toString())
                    .isTrue();
            assertThat(op.operation().path("responses").has("403"))
                    .as(op.toString())
                    .isTrue();
        }
    }

    @Test
    void everyAdminOperationRefusesNoTokenAndAMerchantKey() {
        List<Op> adminOps = withScheme("adminToken");
        assertThat(adminOps).isNotEmpty();
        Tenant merchant = newMerchant("Not the operator");

        for (Op op : adminOps) {
            assertThat(op.call(api).status()).as("no token: " + op).isEqualTo(401);
            assertThat(op.call(merchant.api()).status())
                    .as("merchant key: " + op)
                    .isEqualTo(403);
            assertThat(op.operation().path("responses").has("401"))
                    .as(op.toString())
                    .isTrue();
            assertThat(op.operation().path("responses").has("403"))
                    .as(op.toString())
                    .isTrue();
        }
    }

    @Test
    void theShopifyWebhookIsSecuredByItsSignatureAndRefusesAnUnsignedDelivery() {
        List<Op> signed = withScheme("shopifySignature");

        assertThat(signed).extracting(Op::path).containsExactly("/webhook/shopify");
        assertThat(description
                        .at("/components/securitySchemes/shopifySignature/name")
                        .asString())
                .isEqualTo("X-Shopify-Hmac-Sha256");
        Op webhook = signed.getFirst();
        assertThat(webhook.call(api, "X-Shopify-Shop-Domain", "nobody.myshopify.com")
                        .status())
                .isEqualTo(401);
        assertThat(webhook.operation().path("responses").has("401")).isTrue();
        // Group commit's backpressure (ADR 20), as a problem like every error.
        assertThat(webhook.operation().at("/responses/503/content").has("application/problem+json"))
                .isTrue();
        assertThat(webhook.operation().path("responses").has("200")).isTrue();
    }

    /**
     * Operations open to anyone by design, each with its reason: eBay validates the account deletion endpoint with an
     * unauthenticated GET whose answer proves only that we know the verification token (ADR 27).
     */
    static final Set<String> OPEN_BY_DESIGN = Set.of("GET /webhook/ebay/account-deletion");

    @Test
    void everyOperationDeclaresItsSecurityAndOnlyTheAllowListedAreOpen() {
        List<String> open = new ArrayList<>();
        for (Op op : operations()) {
            assertThat(op.operation().has("security")).as(op.toString()).isTrue();
            if (op.operation().get("security").isEmpty()) {
                open.add(op.method().toUpperCase(java.util.Locale.ROOT) + " " + op.path());
            }
        }
        assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN_BY_DESIGN);
    }

    @Test
    void theEbayDeletionNotificationIsSecuredByItsSignature() {
        List<Op> signed = withScheme("ebaySignature");

        assertThat(signed).extracting(Op::path).containsExactly("/webhook/ebay/account-deletion");
        assertThat(signed.getFirst().operation().at("/responses/412/content").has("application/problem+json"))
                .isTrue();
    }

    @Test
    void theSandboxIsNotPartOfTheApi() {
        assertThat(operations())
                .extracting(Op::path)
                .noneMatch(path -> path.startsWith("/sandbox") || path.startsWith("/api/admin/sandbox"));
    }

    private List<Op> withScheme(String scheme) {
        List<Op> found = new ArrayList<>();
        for (Op op : operations()) {
            for (JsonNode requirement : op.operation().path("security")) {
                if (requirement.has(scheme)) {
                    found.add(op);
                    break;
                }
            }
        }
        return found;
    }

    private List<Op> operations() {
        List<Op> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : description.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                all.add(new Op(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), method.getValue()));
            }
        }
        return all;
    }

    private record Op(String method, String path, JsonNode operation) {

        /** The operation with any id in its path and no body: security answers before anything reads one. */
        Api.Response call(Api client, String... headers) {
            String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            return client.send(method, concrete, null, null, headers);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
