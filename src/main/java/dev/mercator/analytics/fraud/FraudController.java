package dev.mercator.analytics.fraud;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A merchant's fraud rules, order scores, review queue and backtests. */
@RestController
@RequestMapping(path = "/api/analytics/fraud", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class FraudController {

    private static final Set<String> DECISIONS = Set.of("approved", "rejected");

    private final FraudRules rules;
    private final FraudLedger ledger;
    private final Backtest backtest;
    private final FraudSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    FraudController(
            FraudRules rules,
            FraudLedger ledger,
            Backtest backtest,
            FraudSettings settings,
            JsonMapper json,
            Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.backtest = backtest;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    private Map<String, Object> view(MerchantId merchant, FraudRules.Versioned versioned) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", versioned.version());
        view.put("createdAt", versioned.createdAt());
        view.put("versions", rules.versions(merchant));
        view.putAll(versioned.rules().toJson());
        return view;
    }

    @Operation(
            operationId = "getFraudRules",
            summary = "The fraud rule set in force (or a given version); version 0 is the built-in default")
    @GetMapping("/rules")
    Map<String, Object> rules(@RequestParam(required = false) @Nullable Integer version) {
        MerchantId merchant = CurrentMerchant.require();
        FraudRules.Versioned versioned = version == null
                ? rules.current(merchant)
                : rules.version(merchant, version)
                        .orElseThrow(() -> ApiProblem.notFound("No fraud rule set version " + version)
                                .with("versions", rules.versions(merchant)));
        return view(merchant, versioned);
    }

    @Operation(
            operationId = "putFraudRules",
            summary = "Replace the fraud rule set: stored as the next version, in force for orders scored from now",
            description = """
                    `{"reviewAt": 40, "blockAt": 80, "rules": [{"code": "velocity_card_24h", "kind": "velocity", \
                    "key": "card", "window": "24h", "threshold": 3, "points": 20}, ...]}`. Kinds: velocity and \
                    shared_by_emails (key email|card|ip|shipping_address, window 1h|24h|7d), first_order_high_value, \
                    above_customer_usual, above_shop_usual, billing_shipping_apart, ip_country_not_billing, \
                    disposable_email, payment_attempts, return_rate. An order's score is the sum of the points of \
                    the rules that fire, capped at 100; a rule's code is its reason code.""")
    @PutMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> replace(@RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        List<RuleSet.Error> errors = new ArrayList<>();
        RuleSet parsed = RuleSet.parse(body, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return view(merchant, rules.save(merchant, parsed));
    }

    @Operation(
            operationId = "getFraudOrderScore",
            summary = "An order's fraud score at ingest, its reasons, the rule-set version and its review")
    @GetMapping("/orders/{orderId}")
    Map<String, Object> order(@PathVariable String orderId) {
        MerchantId merchant = CurrentMerchant.require();
        return ledger.score(merchant, orderId)
                .map(this::scoreView)
                .orElseThrow(() -> ApiProblem.notFound("No fraud score for order " + orderId
                        + " (unknown, or not scored yet: scoring follows intake" + " within seconds)"));
    }

    private Map<String, Object> scoreView(FraudLedger.StoredScore s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", s.orderId());
        view.put("score", s.score());
        view.put("decision", s.decision());
        view.put("ruleSetVersion", s.ruleSetVersion());
        view.put("reasons", json.readTree(s.reasons()));
        view.put("scoredAt", s.scoredAt());
        view.put("review", s.review());
        view.put("note", s.note());
        return view;
    }

    @Operation(
            operationId = "getFraudReviews",
            summary = "The review queue: orders scored at or above the review threshold, highest score first")
    @GetMapping("/reviews")
    List<Map<String, Object>> reviews(
            @RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "100") int limit) {
        MerchantId merchant = CurrentMerchant.require();
        if (!status.equals("open") && !DECISIONS.contains(status)) {
            throw invalid(List.of(new RuleSet.Error("status", "one of open, approved, rejected")));
        }
        if (limit < 1 || limit > 1000) {
            throw invalid(List.of(new RuleSet.Error("limit", "from 1 to 1000")));
        }
        return ledger.reviews(merchant, status, limit).stream()
                .map(this::scoreView)
                .toList();
    }

    record Decision(@Nullable String decision, @Nullable String note) {}

    @Operation(
            operationId = "decideFraudReview",
            summary = "Decide an open review: approved (let it through) or rejected (cancel the order)")
    @PostMapping(path = "/reviews/{orderId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> decide(@PathVariable String orderId, @RequestBody Decision decision) {
        MerchantId merchant = CurrentMerchant.require();
        if (decision.decision() == null || !DECISIONS.contains(decision.decision())) {
            throw invalid(List.of(new RuleSet.Error("decision", "required, approved or rejected")));
        }
        if (decision.note() != null && decision.note().length() > 1000) {
            throw invalid(List.of(new RuleSet.Error("note", "at most 1000 characters")));
        }
        if (!ledger.decide(merchant, orderId, decision.decision(), decision.note(), clock.instant())) {
            if (ledger.hasReview(merchant, orderId)) {
                throw ApiProblem.conflict("The review of order " + orderId + " is already decided");
            }
            throw ApiProblem.notFound("No review of order " + orderId);
        }
        return ledger.score(merchant, orderId).map(this::scoreView).orElseThrow();
    }

    @Operation(
            operationId = "postFraudBacktest",
            summary = "Run a rule set over the order history and measure it against reported chargebacks",
            description = """
                    Body: `{"version": 3}` or `{"rules": {...a rule set...}}` (neither: the set in force), \
                    optional `from`/`to` (dates or date-times; all history by default) and `listed` (flagged \
                    orders to list, 100 by default). Labels are the `chargeback` events the merchant sent (the \
                    sandbox generator sends them for its fraud rings). Synchronous, for at most \
                    `mercator.analytics.fraud.backtest-max-orders` orders (413 above).""")
    @PostMapping(path = "/backtest", consumes = MediaType.APPLICATION_JSON_VALUE)
    Backtest.Report backtest(@RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        List<RuleSet.Error> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw invalid(List.of(new RuleSet.Error("$", "must be a JSON object")));
        }
        RuleSet ruleSet;
        JsonNode inline = body.get("rules");
        JsonNode version = body.get("version");
        if (inline != null && version != null) {
            throw invalid(List.of(new RuleSet.Error("rules", "give rules or version, not both")));
        } else if (inline != null) {
            List<RuleSet.Error> nested = new ArrayList<>();
            ruleSet = RuleSet.parse(inline, nested);
            nested.forEach(e -> errors.add(new RuleSet.Error("rules." + e.field(), e.message())));
        } else if (version != null) {
            if (!version.isIntegralNumber() || !version.canConvertToInt()) {
                throw invalid(List.of(new RuleSet.Error("version", "must be an integer")));
            }
            ruleSet = rules.version(merchant, version.asInt())
                    .orElseThrow(() -> ApiProblem.notFound("No fraud rule set version " + version.asInt()))
                    .rules();
        } else {
            ruleSet = rules.current(merchant).rules();
        }
        Instant from = instant(body, "from", Instant.EPOCH, errors);
        Instant to = instant(body, "to", Instant.parse("9999-01-01T00:00:00Z"), errors);
        int listed = 100;
        JsonNode listedNode = body.get("listed");
        if (listedNode != null) {
            if (!listedNode.isIntegralNumber() || listedNode.asInt() < 0 || listedNode.asInt() > 10_000) {
                errors.add(new RuleSet.Error("listed", "an integer from 0 to 10000"));
            } else {
                listed = listedNode.asInt();
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Backtest.Report report = backtest.run(merchant, ruleSet, from, to, settings.backtestMaxOrders(), listed);
        if (report == null) {
            throw new ApiProblem(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "More than " + settings.backtestMaxOrders()
                                    + " orders in the range; a backtest runs synchronously: narrow from/to")
                    .with("maxOrders", settings.backtestMaxOrders());
        }
        return report;
    }

    private static Instant instant(JsonNode body, String field, Instant fallback, List<RuleSet.Error> errors) {
        JsonNode node = body.get(field);
        if (node == null) {
            return fallback;
        }
        if (node.isString()) {
            String text = node.asString();
            try {
                return text.length() == 10
                        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new RuleSet.Error(field, "a date (2026-03-01, UTC) or a date-time with an offset"));
        return fallback;
    }

    private static ApiProblem invalid(List<RuleSet.Error> errors) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with(
                        "errors",
                        errors.stream()
                                .map(e -> Map.of("field", e.field(), "message", e.message()))
                                .toList());
    }
}
