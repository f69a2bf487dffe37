package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.platform.ratelimit.FailedSignatures;
import dev.mercator.platform.ratelimit.RateLimiter;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shopify's webhook endpoint. The signature is checked on the raw body before anything is parsed; the answer is 200
 * only once the delivery and its effects are committed (in a group with other deliveries, {@link WebhookGroupCommit}),
 * so Shopify retries anything Mercator did not durably take.
 */
@RestController
@Tag(name = "Webhooks")
class ShopifyWebhooks implements SignedDeliveries {

    static final String PATH = "/webhook/shopify";
    static final String SIGNATURE = "X-Shopify-Hmac-Sha256";

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final ChannelAccounts accounts;
    private final ShopifyWebhookIntake intake;
    private final WebhookGroupCommit commits;
    private final FailedSignatures failedSignatures;
    private final ShopifyReturnsIntake returns;

    ShopifyWebhooks(
            ChannelAccounts accounts,
            ShopifyWebhookIntake intake,
            WebhookGroupCommit commits,
            FailedSignatures failedSignatures,
            ShopifyReturnsIntake returns) {
        this.accounts = accounts;
        this.intake = intake;
        this.commits = commits;
        this.failedSignatures = failedSignatures;
        this.returns = returns;
    }

    /** Deliveries carry Shopify's signature header: limited per address only if the signature fails. */
    @Override
    public Endpoint endpoint() {
        return new Endpoint(
                "shopify",
                PATH,
                SIGNATURE,
                "Base64 HMAC-SHA256 of the raw request body, keyed with the shop's webhook secret (PUT"
                        + " /api/channels/shopify); an unknown shop and a wrong signature get the same 401");
    }

    @Operation(
            operationId = "receiveShopifyWebhook",
            summary = "Shopify webhooks: orders/create, orders/cancelled, refunds/create, inventory_levels/update,"
                    + " reverse_fulfillment_orders/dispose")
    @ApiResponse(responseCode = "200", description = "Recorded (or already recorded): durable before this answer")
    @ApiResponse(
            responseCode = "503",
            description = "The intake is at capacity or the webhook's group did not commit in time; retry after"
                    + " Retry-After (a redelivery of a webhook that was recorded after all counts once)")
    @PostMapping(path = PATH, produces = "application/json")
    Map<String, String> receive(
            HttpServletRequest request,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) @Nullable String shopDomain,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
            @RequestHeader(name = "X-Shopify-Topic", required = false) @Nullable String topic,
            @RequestHeader(name = "X-Shopify-Event-Id", required = false) @Nullable String eventId,
            @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) @Nullable String webhookId) {
        byte[] raw = body == null ? new byte[0] : body;
        // One answer for an unknown shop and a bad signature: a caller learns nothing about which shops exist.
        ChannelAccounts.ShopifyAccount account = shopDomain == null
                ? null
                : accounts.shopifyByDomain(shopDomain.toLowerCase(Locale.ROOT)).orElse(null);
        if (account == null || !WebhookSignature.verify(raw, signature, account.webhookSecrets())) {
            RateLimiter.Verdict verdict = signature == null ? null : failedSignatures.count(request);
            if (verdict != null && !verdict.allowed()) {
                throw new ApiProblem(
                                ProblemType.RATE_LIMITED,
                                "Rate limit exceeded; retry after " + verdict.retryAfterSeconds() + " s")
                        .with("retryAfterSeconds", verdict.retryAfterSeconds());
            }
            throw new ApiProblem(ProblemType.UNAUTHENTICATED, "Invalid webhook signature");
        }
        if (topic == null || topic.isBlank()) {
            throw ApiProblem.badRequest("X-Shopify-Topic is required");
        }
        String delivery = eventId != null ? eventId : webhookId;
        if (delivery == null || !EVENT_ID.matcher(delivery).matches()) {
            throw ApiProblem.badRequest("X-Shopify-Webhook-Id or X-Shopify-Event-Id is required: the delivery id");
        }
        if (topic.strip().equals(ShopifyReturnsIntake.TOPIC)) {
            // Returns are rare next to orders: each is recorded in its own transaction, durable before the answer.
            return returns.receive(account, delivery, raw);
        }
        // Parsed here, committed with whatever other webhooks arrive meanwhile; answered once that group is durable.
        ShopifyWebhookIntake.Delivery verified = intake.read(account, topic.strip(), delivery, raw);
        return Map.of("status", commits.commit(verified).name().toLowerCase(Locale.ROOT));
    }
}
