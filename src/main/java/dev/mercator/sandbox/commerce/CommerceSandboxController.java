package dev.mercator.sandbox.commerce;

import dev.mercator.analytics.AnalyticsIntake;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import dev.mercator.sandbox.ConditionalOnSandbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints that fill a merchant's analytics with a seeded commerce story and show its fraud labels. */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/api/admin/sandbox/analytics", produces = "application/json")
@Tag(name = "Admin: sandbox")
class CommerceSandboxController {

    static final long MAX_DAYS = 1_100;

    private final SandboxCommerce commerce;
    private final Clock clock;

    CommerceSandboxController(SandboxCommerce commerce, Clock clock) {
        this.commerce = commerce;
        this.clock = clock;
    }

    record GenerateRequest(
            @NotNull UUID merchantId,
            @NotNull Long seed,
            @NotNull @Min(1) @Max(10_000) Integer customers,
            @NotNull @Min(1) @Max(50_000) Integer orders,
            @Nullable @Min(0) @Max(50) Integer fraudRings,
            @NotNull LocalDate from,
            @NotNull LocalDate to) {}

    record GenerateResult(
            UUID merchantId,
            long seed,
            LocalDate from,
            LocalDate to,
            Map<String, Integer> generated,
            int accepted,
            int duplicates,
            int rejected,
            List<AnalyticsIntake.Rejection> rejections,
            List<CommerceGenerator.Label> chargebacks,
            String labels) {}

    @Operation(
            summary = "Generate a seeded commerce story for a merchant, sent through the analytics intake",
            description = """
                    Customers (new, loyal, lapsing), seasonal multi-channel orders (`order_placed` v2 with e-mail, \
                    card fingerprint, IP and addresses), payment attempts, refunds, returns, and fraud rings whose \
                    orders end in `chargeback` events. The same seed and sizes give the same events (same ids: sent \
                    again they are duplicates). The answer counts what was generated and accepted and lists the \
                    orders labelled as chargebacks; every order's label is at `GET .../labels?merchant=`.""")
    @PostMapping(path = "/generate", consumes = "application/json")
    GenerateResult generate(@Valid @RequestBody GenerateRequest request) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (request.to().isBefore(request.from())) {
            throw invalid("to", "must not be before from");
        }
        if (request.to().isAfter(today)) {
            throw invalid("to", "must not be after today (UTC): the intake refuses events from the future");
        }
        CommerceGenerator.Plan plan = new CommerceGenerator.Plan(
                request.seed(),
                request.customers(),
                request.orders(),
                request.fraudRings() == null ? 3 : request.fraudRings(),
                request.from(),
                request.to());
        if (CommerceGenerator.days(plan) > MAX_DAYS) {
            throw invalid("to", "the range may span at most " + MAX_DAYS + " days");
        }
        MerchantId merchant = new MerchantId(request.merchantId());
        if (!commerce.merchantExists(merchant)) {
            throw ApiProblem.notFound("No merchant " + request.merchantId());
        }
        SandboxCommerce.Generated generated = commerce.generate(merchant, plan);
        AnalyticsIntake.Receipt receipt = generated.receipt();
        return new GenerateResult(
                request.merchantId(),
                plan.seed(),
                plan.from(),
                plan.to(),
                generated.counts(),
                receipt.accepted(),
                receipt.duplicates(),
                receipt.rejected(),
                receipt.rejections().stream().limit(20).toList(),
                generated.labels().stream()
                        .filter(CommerceGenerator.Label::chargeback)
                        .toList(),
                "/api/admin/sandbox/analytics/labels?merchant=" + request.merchantId());
    }

    record Labels(UUID merchantId, int orders, int chargebacks, List<CommerceGenerator.Label> labels) {}

    @Operation(summary = "The ground-truth labels of the orders generated for a merchant")
    @GetMapping("/labels")
    Labels labels(@RequestParam UUID merchant, @RequestParam(defaultValue = "false") boolean chargebacksOnly) {
        List<CommerceGenerator.Label> labels = commerce.labels(new MerchantId(merchant), chargebacksOnly);
        return new Labels(
                merchant,
                labels.size(),
                (int) labels.stream()
                        .filter(CommerceGenerator.Label::chargeback)
                        .count(),
                labels);
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
