package dev.mercator.notifications.web;

import dev.mercator.notifications.rules.Rule;
import dev.mercator.notifications.rules.RuleDraft;
import dev.mercator.notifications.rules.Rules;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A merchant's routing rules: which alerts go to which of its destinations, when, and how many a day. */
@RestController
@RequestMapping(path = "/api/notifications/rules", produces = "application/json")
@Tag(name = "Notifications")
class RulesController {

    private static final String FIELDS = """
            Fields: `name`; `alertTypes` (alert type codes such as `sync.push_failed`, empty for all); `minSeverity` \
            (`info`, `warning`, `critical`); `destinations` (ids of the merchant's destinations, at least one); \
            `timeZone` (IANA, default UTC: quiet hours, the daily digest and the daily cap's day); `quietHours` \
            (`{"start": "22:00", "end": "07:00", "holdCritical": false}` or null: messages in the period are held \
            until it ends, critical ones only if `holdCritical`); `dailyCap` (messages per destination and day; \
            beyond it alerts are recorded as `suppressed`, not sent or folded later); `mode` (`immediate`, \
            `digest_hourly`, `digest_daily`: a digest folds every alert of its window into one message). A failing \
            field answers 400 with `errors[].field`, nothing stored.""";

    private final Rules rules;
    private final Clock clock;

    RulesController(Rules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Operation(operationId = "createNotificationRule", summary = "Add a rule", description = FIELDS)
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Rule create(@RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        RuleDraft draft = RuleDraft.parse(body, null, ids -> rules.ownDestinations(merchant, ids));
        return rules.create(merchant, draft, clock.instant());
    }

    @Operation(operationId = "listNotificationRules", summary = "List the merchant's rules, oldest first")
    @GetMapping
    List<Rule> list() {
        return rules.list(CurrentMerchant.require());
    }

    @Operation(operationId = "getNotificationRule", summary = "One rule")
    @GetMapping("/{id}")
    Rule get(@PathVariable String id) {
        return rules.find(CurrentMerchant.require(), Ids.parse(id, "rule"))
                .orElseThrow(() -> ApiProblem.notFound("No rule " + id));
    }

    @Operation(
            operationId = "updateNotificationRule",
            summary = "Change the fields of a rule the body names",
            description = FIELDS)
    @PatchMapping(path = "/{id}", consumes = "application/json")
    Rule update(@PathVariable String id, @RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        UUID rule = Ids.parse(id, "rule");
        Rule stored = rules.find(merchant, rule).orElseThrow(() -> ApiProblem.notFound("No rule " + id));
        RuleDraft draft = RuleDraft.parse(body, stored, ids -> rules.ownDestinations(merchant, ids));
        return rules.update(merchant, rule, draft, clock.instant())
                .orElseThrow(() -> ApiProblem.notFound("No rule " + id));
    }

    @Operation(operationId = "deleteNotificationRule", summary = "Delete a rule; deliveries it made stay listed")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!rules.delete(CurrentMerchant.require(), Ids.parse(id, "rule"))) {
            throw ApiProblem.notFound("No rule " + id);
        }
    }
}
