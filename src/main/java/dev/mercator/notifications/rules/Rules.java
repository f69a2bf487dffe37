package dev.mercator.notifications.rules;

import dev.mercator.alerts.AlertOpened;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing rules of every merchant, and the routes an alert takes through them. Input is checked by {@link
 * RuleDraft}; nothing is stored unless all of it is valid.
 */
@Component
public class Rules {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> CODES = new TypeReference<>() {};

    private final JdbcClient jdbc;

    Rules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Where one alert goes under one rule: a destination, when the message is due (now, after quiet hours, or at the
     * end of its digest window) and the day its daily cap counts it on.
     */
    public record Route(
            UUID ruleId,
            UUID destinationId,
            DeliveryMode mode,
            Instant dueAt,
            boolean quietHeld,
            LocalDate day,
            @Nullable Integer dailyCap) {}

    @Transactional
    public Rule create(MerchantId merchant, RuleDraft draft, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into notification_rules
                            (id, merchant_id, name, alert_types, min_severity, time_zone, quiet_start, quiet_end,
                             quiet_holds_critical, daily_cap, mode, created_at, updated_at)
                        values (:id, :merchant, :name, :types, :severity, :zone, :quietStart, :quietEnd,
                                :holdCritical, :cap, :mode, :now, :now)""")
                .param("id", id)
                .param("merchant", merchant.value())
                .params(columns(draft))
                .param("now", Timestamp.from(now))
                .update();
        linkDestinations(id, draft.destinations());
        return find(merchant, id).orElseThrow();
    }

    @Transactional
    public Optional<Rule> update(MerchantId merchant, UUID id, RuleDraft draft, Instant now) {
        int updated = jdbc.sql("""
                        update notification_rules set name = :name, alert_types = :types, min_severity = :severity,
                            time_zone = :zone, quiet_start = :quietStart, quiet_end = :quietEnd,
                            quiet_holds_critical = :holdCritical, daily_cap = :cap, mode = :mode, updated_at = :now
                        where id = :id and merchant_id = :merchant""")
                .params(columns(draft))
                .param("id", id)
                .param("merchant", merchant.value())
                .param("now", Timestamp.from(now))
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        jdbc.sql("delete from notification_rule_destinations where rule_id = :id")
                .param("id", id)
                .update();
        linkDestinations(id, draft.destinations());
        return find(merchant, id);
    }

    private static Map<String, @Nullable Object> columns(RuleDraft draft) {
        Map<String, @Nullable Object> columns = new java.util.HashMap<>();
        columns.put("name", draft.name());
        columns.put("types", JSON.writeValueAsString(draft.alertTypes()));
        columns.put("severity", draft.minSeverity().id());
        columns.put("zone", draft.timeZone().getId());
        QuietHours quiet = draft.quietHours();
        columns.put("quietStart", quiet == null ? null : quiet.start().toString());
        columns.put("quietEnd", quiet == null ? null : quiet.end().toString());
        columns.put("holdCritical", quiet != null && quiet.holdCritical());
        columns.put("cap", draft.dailyCap());
        columns.put("mode", draft.mode().id());
        return columns;
    }

    private void linkDestinations(UUID rule, List<UUID> destinations) {
        for (UUID destination : destinations) {
            jdbc.sql("insert into notification_rule_destinations (rule_id, destination_id) values (:rule, :dest)")
                    .param("rule", rule)
                    .param("dest", destination)
                    .update();
        }
    }

    @Transactional
    public boolean delete(MerchantId merchant, UUID id) {
        return jdbc.sql("delete from notification_rules where id = :id and merchant_id = :merchant")
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .update()
                == 1;
    }

    public List<Rule> list(MerchantId merchant) {
        return jdbc.sql("select * from notification_rules where merchant_id = :merchant order by created_at, id")
                .param("merchant", merchant.value())
                .query((rs, n) -> rule(rs))
                .list();
    }

    public Optional<Rule> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from notification_rules where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query((rs, n) -> rule(rs))
                .optional();
    }

    /** The merchant's own, usable destinations among {@code ids}: a rule may name no other. */
    public List<UUID> ownDestinations(MerchantId merchant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id from notification_destinations
                        where merchant_id = :merchant and deleted_at is null and id in (:ids)""")
                .param("merchant", merchant.value())
                .param("ids", ids)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    /**
     * The routes of an alert through the merchant's rules, oldest rule first, to enabled destinations. A destination
     * two rules name gets the first rule's route only: one message per alert and destination.
     */
    public List<Route> routes(AlertOpened alert) {
        List<Route> routes = new ArrayList<>();
        List<UUID> seen = new ArrayList<>();
        for (Rule rule : list(alert.merchant())) {
            if (!matches(rule, alert)) {
                continue;
            }
            ZoneId zone = ZoneId.of(rule.timeZone());
            DeliveryMode mode = DeliveryMode.find(rule.mode()).orElseThrow();
            Instant due = mode.dueAfter(alert.occurredAt(), zone);
            boolean quietHeld = false;
            QuietHours quiet = quietHours(rule);
            if (quiet != null && (alert.severity() != AlertSeverity.CRITICAL || quiet.holdCritical())) {
                Optional<Instant> quietEnd = quiet.endOfQuietAt(due, zone);
                if (quietEnd.isPresent()) {
                    due = quietEnd.get();
                    quietHeld = true;
                }
            }
            LocalDate day = alert.occurredAt().atZone(zone).toLocalDate();
            for (UUID destination : enabledDestinations(rule.id())) {
                if (!seen.contains(destination)) {
                    seen.add(destination);
                    routes.add(new Route(rule.id(), destination, mode, due, quietHeld, day, rule.dailyCap()));
                }
            }
        }
        return routes;
    }

    private static boolean matches(Rule rule, AlertOpened alert) {
        boolean typeMatches = rule.alertTypes().isEmpty()
                || rule.alertTypes().contains(alert.type().code());
        AlertSeverity min = AlertSeverity.find(rule.minSeverity()).orElseThrow();
        return typeMatches && alert.severity().compareTo(min) >= 0;
    }

    private static @Nullable QuietHours quietHours(Rule rule) {
        Rule.QuietHoursView view = rule.quietHours();
        return view == null
                ? null
                : new QuietHours(LocalTime.parse(view.start()), LocalTime.parse(view.end()), view.holdCritical());
    }

    private List<UUID> enabledDestinations(UUID rule) {
        return jdbc.sql("""
                        select d.id from notification_rule_destinations rd
                        join notification_destinations d on d.id = rd.destination_id
                        where rd.rule_id = :rule and d.enabled = true and d.deleted_at is null
                        order by d.created_at, d.id""")
                .param("rule", rule)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    private List<UUID> linkedDestinations(UUID rule) {
        return jdbc.sql("""
                        select destination_id from notification_rule_destinations where rule_id = :rule
                        order by destination_id""")
                .param("rule", rule)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    private Rule rule(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String quietStart = rs.getString("quiet_start");
        int cap = rs.getInt("daily_cap");
        Integer dailyCap = rs.wasNull() ? null : cap;
        return new Rule(
                id,
                rs.getString("name"),
                JSON.readValue(rs.getString("alert_types"), CODES),
                rs.getString("min_severity"),
                linkedDestinations(id),
                rs.getString("time_zone"),
                quietStart == null
                        ? null
                        : new Rule.QuietHoursView(
                                quietStart, rs.getString("quiet_end"), rs.getBoolean("quiet_holds_critical")),
                dailyCap,
                rs.getString("mode"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
