package dev.mercator.analytics.fraud;

import dev.mercator.platform.MerchantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each merchant's fraud rule sets by version: a change is a new version, the highest is in force, and none means the
 * built-in default ({@code analytics/fraud/default-rules.json}) as version 0. Also the list of disposable domains.
 */
@Component
class FraudRules {

    record Versioned(int version, RuleSet rules, @Nullable Instant createdAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final RuleSet defaults;
    private final Set<String> disposable;

    FraudRules(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        List<RuleSet.Error> errors = new ArrayList<>();
        this.defaults = RuleSet.parse(json.readTree(read("analytics/fraud/default-rules.json")), errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the default fraud rules are invalid: " + errors);
        }
        this.disposable = read("analytics/fraud/disposable-domains.txt")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    Set<String> disposableDomains() {
        return disposable;
    }

    Versioned current(MerchantId merchant) {
        return jdbc.sql("""
                        select version, rules, created_at from fraud_rule_sets where merchant_id = :m
                        order by version desc limit 1""")
                .param("m", merchant.value())
                .query((rs, n) -> versioned(rs))
                .optional()
                .orElse(new Versioned(0, defaults, null));
    }

    Optional<Versioned> version(MerchantId merchant, int version) {
        if (version == 0) {
            return Optional.of(new Versioned(0, defaults, null));
        }
        return jdbc.sql(
                        "select version, rules, created_at from fraud_rule_sets where merchant_id = :m and version = :v")
                .param("m", merchant.value())
                .param("v", version)
                .query((rs, n) -> versioned(rs))
                .optional();
    }

    List<Integer> versions(MerchantId merchant) {
        return jdbc.sql("select version from fraud_rule_sets where merchant_id = :m order by version")
                .param("m", merchant.value())
                .query((rs, n) -> rs.getInt(1))
                .list();
    }

    /** Stores a (valid) rule set as the next version; two saves at once both succeed, one after the other. */
    Versioned save(MerchantId merchant, RuleSet rules) {
        for (int attempt = 0; ; attempt++) {
            int next = current(merchant).version() + 1;
            Instant now = clock.instant();
            try {
                jdbc.sql("""
                                insert into fraud_rule_sets (merchant_id, version, rules, created_at)
                                values (:m, :v, :rules, :now)""")
                        .param("m", merchant.value())
                        .param("v", next)
                        .param("rules", json.writeValueAsString(rules.toJson()))
                        .param("now", Timestamp.from(now))
                        .update();
                return new Versioned(next, rules, now);
            } catch (DuplicateKeyException race) {
                if (attempt == 5) {
                    throw race;
                }
            }
        }
    }

    private Versioned versioned(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<RuleSet.Error> errors = new ArrayList<>();
        RuleSet rules = RuleSet.parse(json.readTree(rs.getString("rules")), errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("stored fraud rules are invalid: " + errors);
        }
        return new Versioned(
                rs.getInt("version"), rules, rs.getTimestamp("created_at").toInstant());
    }
}
