package dev.mercator.inventory.returns;

import dev.mercator.inventory.ledger.Skus;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.ratelimit.FailedSignatures;
import dev.mercator.platform.ratelimit.RateLimiter;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's {@code POST /webhook/amazon/return}, for systems that learn of returns outside Amazon's reports (a 3PL, a
 * helpdesk). Signed with the merchant's own secret ({@link ReturnWebhookSecrets}) over the raw body, checked before
 * anything is parsed; the same body, routing and dedup as {@code POST /api/returns}, and an {@code Idempotency-Key} is
 * required so a retried delivery is the same return.
 */
@RestController
@Tag(name = "Webhooks")
class ReturnsWebhook implements SignedDeliveries {

    static final String PATH = "/webhook/amazon/return";
    static final String SIGNATURE = "X-Mercator-Signature";
    static final String MERCHANT = "X-Mercator-Merchant";

    private final ReturnWebhookSecrets secrets;
    private final Returns returns;
    private final FailedSignatures failedSignatures;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;

    ReturnsWebhook(
            ReturnWebhookSecrets secrets,
            Returns returns,
            FailedSignatures failedSignatures,
            JsonMapper json,
            Validator validator,
            Clock clock) {
        this.secrets = secrets;
        this.returns = returns;
        this.failedSignatures = failedSignatures;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint(
                "returns",
                PATH,
                SIGNATURE,
                "sha256=<hex HMAC-SHA256 of the raw request body>, keyed with the merchant's returns webhook secret"
                        + " (POST /api/returns/webhook-secret), the merchant named in X-Mercator-Merchant; an unknown"
                        + " merchant and a wrong signature get the same 401");
    }

    @Operation(
            operationId = "receiveReturnWebhook",
            summary = "A return reported by another system, signed with the merchant's returns webhook secret")
    @PostMapping(path = PATH, produces = "application/json")
    ResponseEntity<ReturnView> receive(
            HttpServletRequest request,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = MERCHANT, required = false) @Nullable String merchantHeader,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        byte[] raw = body == null ? new byte[0] : body;
        MerchantId merchant = merchant(merchantHeader);
        if (merchant == null || !secrets.verify(merchant, raw, signature)) {
            RateLimiter.Verdict verdict = signature == null ? null : failedSignatures.count(request);
            if (verdict != null && !verdict.allowed()) {
                throw new ApiProblem(
                                ProblemType.RATE_LIMITED,
                                "Rate limit exceeded; retry after " + verdict.retryAfterSeconds() + " s")
                        .with("retryAfterSeconds", verdict.retryAfterSeconds());
            }
            throw new ApiProblem(ProblemType.UNAUTHENTICATED, "Invalid webhook signature");
        }
        if (idempotencyKey == null) {
            throw ReturnRequest.invalid("Idempotency-Key", "required: a retried delivery must be the same return");
        }
        ReturnRequest parsed;
        try {
            parsed = json.readValue(raw, ReturnRequest.class);
        } catch (JacksonException unreadable) {
            throw ApiProblem.badRequest("The body is not a return: " + unreadable.getOriginalMessage());
        }
        if (parsed == null) {
            throw ApiProblem.badRequest("The body is not a return");
        }
        Set<ConstraintViolation<ReturnRequest>> violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Skus.valid(parsed.sku());
        Returns.Recorded recorded = returns.record(
                merchant, parsed.toIncoming("webhook", idempotencyKey, clock.instant(), "returns-webhook"), null);
        return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(recorded.view());
    }

    private static @Nullable MerchantId merchant(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return new MerchantId(UUID.fromString(header.strip()));
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }
}
