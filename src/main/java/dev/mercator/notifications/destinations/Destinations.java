package dev.mercator.notifications.destinations;

import dev.mercator.audit.AuditActor;
import dev.mercator.audit.AuditedChange;
import dev.mercator.merchants.MerchantCredentials;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.DestinationSecrets;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The destinations of every merchant. Settings are stored as given (after the sender's normalisation); secrets go to
 * the merchants' credential vault as the set {@code notify-<id>}, encrypted and bound to the merchant, and re-encrypted
 * with the vault's other sets on key rotation. The same set keeps the destination's random unsubscribe key (ADR 21).
 */
@Component
public class Destinations implements DestinationSecrets {

    private static final Logger log = LoggerFactory.getLogger(Destinations.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {};
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
    private static final Pattern SECRET_FIELD = Pattern.compile("[A-Za-z0-9_]{1,50}");
    static final String UNSUBSCRIBE_KEY = "mercator_unsubscribe_key";
    private static final int MAX_NAME = 100;
    // The vault takes 20 fields a set; one is the unsubscribe key.
    private static final int MAX_FIELDS = 19;
    private static final int MAX_VALUE = 2000;

    private final JdbcClient jdbc;
    private final MerchantCredentials vault;
    private final ApplicationEventPublisher events;
    private final ChannelSenders senders;
    private final SecureRandom random = new SecureRandom();

    Destinations(JdbcClient jdbc, MerchantCredentials vault, ChannelSenders senders, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.senders = senders;
        this.events = events;
    }

    /**
     * Validates and stores a destination, or stores nothing and throws a 400 problem listing every failing field.
     */
    @Transactional
    public Destination create(
            MerchantId merchant,
            @Nullable String kindCode,
            @Nullable String name,
            @Nullable Map<String, String> settingsGiven,
            @Nullable Map<String, String> secretsGiven,
            Instant now) {
        Map<String, String> settings = settingsGiven == null ? Map.of() : settingsGiven;
        Map<String, String> secrets = secretsGiven == null ? Map.of() : secretsGiven;
        ChannelKind kind = kindCode == null ? null : ChannelKind.find(kindCode).orElse(null);
        if (kind == null) {
            throw invalid(List.of(new FieldProblem("kind", "must be one of email, discord, sms, telegram, webhook")));
        }
        ChannelSender sender = senders.find(kind)
                .orElseThrow(() -> invalid(List.of(new FieldProblem("kind", "kind not available: " + kind.code()))));
        List<FieldProblem> problems = new ArrayList<>(shapeProblems(name, settings, secrets, sender));
        if (problems.isEmpty()) {
            problems.addAll(sender.validate(settings, secrets));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        Map<String, String> stored = new TreeMap<>(sender.normalise(settings));
        UUID id = UUID.randomUUID();
        List<String> secretFields = secrets.keySet().stream().sorted().toList();
        jdbc.sql("""
                        insert into notification_destinations
                            (id, merchant_id, kind, name, settings, secret_fields, enabled, created_at)
                        values (:id, :merchant, :kind, :name, :settings, :secretFields, true, :now)""")
                .param("id", id)
                .param("merchant", merchant.value())
                .param("kind", kind.code())
                .param("name", name)
                .param("settings", JSON.writeValueAsString(stored))
                .param("secretFields", JSON.writeValueAsString(secretFields))
                .param("now", Timestamp.from(now))
                .update();
        Map<String, String> vaulted = new HashMap<>(secrets);
        vaulted.put(UNSUBSCRIBE_KEY, newKey());
        vault.store(merchant, vaultName(id), vaulted);
        log.info("Created {} destination {} for merchant {}", kind.code(), id, merchant);
        return find(merchant, id).orElseThrow();
    }

    private static List<FieldProblem> shapeProblems(
            @Nullable String name, Map<String, String> settings, Map<String, String> secrets, ChannelSender sender) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be 1 to " + MAX_NAME + " characters"));
        }
        if (settings.size() > MAX_FIELDS || secrets.size() > MAX_FIELDS) {
            problems.add(new FieldProblem("settings", "at most " + MAX_FIELDS + " settings and secrets each"));
            return problems;
        }
        List<String> secretFields = sender.secretFields();
        settings.forEach((field, value) -> {
            if (secretFields.contains(field)) {
                problems.add(new FieldProblem("settings." + field, "is a secret: send it in secrets"));
            } else if (value == null || value.length() > MAX_VALUE) {
                problems.add(new FieldProblem("settings." + field, "must be a string of at most " + MAX_VALUE));
            }
        });
        secrets.forEach((field, value) -> {
            if (!secretFields.contains(field) || !SECRET_FIELD.matcher(field).matches()) {
                problems.add(new FieldProblem(
                        "secrets." + shorten(field), "is not a secret of this kind; secrets are " + secretFields));
            } else if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
                problems.add(new FieldProblem("secrets." + field, "must be 1 to " + MAX_VALUE + " characters"));
            }
        });
        return problems;
    }

    private static String shorten(String field) {
        return field.length() <= 50 ? field : field.substring(0, 50) + "…";
    }

    private static ApiProblem invalid(List<FieldProblem> problems) {
        List<Map<String, String>> errors = problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.problem()))
                .toList();
        return new ApiProblem(
                        ProblemType.VALIDATION,
                        "The destination has invalid fields: "
                                + problems.getFirst().field())
                .with("errors", errors);
    }

    public List<Destination> list(MerchantId merchant) {
        return jdbc.sql("""
                        select * from notification_destinations
                        where merchant_id = :merchant and deleted_at is null order by created_at, id""")
                .param("merchant", merchant.value())
                .query((rs, n) -> destination(rs))
                .list();
    }

    public Optional<Destination> find(MerchantId merchant, UUID id) {
        return jdbc.sql("""
                        select * from notification_destinations
                        where id = :id and merchant_id = :merchant and deleted_at is null""")
                .param("id", id)
                .param("merchant", merchant.value())
                .query((rs, n) -> destination(rs))
                .optional();
    }

    /** Deletes a destination: its secrets leave the vault, rules stop naming it, its deliveries stay as history. */
    @Transactional
    public boolean delete(MerchantId merchant, UUID id, Instant now) {
        int deleted = jdbc.sql("""
                        update notification_destinations set deleted_at = :now, enabled = false
                        where id = :id and merchant_id = :merchant and deleted_at is null""")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("merchant", merchant.value())
                .update();
        if (deleted == 0) {
            return false;
        }
        jdbc.sql("delete from notification_rule_destinations where destination_id = :id")
                .param("id", id)
                .update();
        vault.delete(merchant, vaultName(id));
        return true;
    }

    /** Sends to a disabled destination again; whether the merchant has it. */
    public boolean enable(MerchantId merchant, UUID id) {
        return jdbc.sql("""
                                update notification_destinations
                                set enabled = true, disabled_reason = null, disabled_at = null
                                where id = :id and merchant_id = :merchant and deleted_at is null""").param("id", id).param("merchant", merchant.value()).update() == 1;
    }

    /**
     * Stops sending to a destination, saying why (the provider said it is gone, or its recipient unsubscribed); {@code
     * by} is recorded in the audit trail as who did it.
     */
    @Transactional
    public boolean disable(UUID id, String reason, Instant now, AuditActor by) {
        String shown = reason.length() <= 500 ? reason : reason.substring(0, 500);
        boolean disabled = jdbc.sql("""
                                update notification_destinations
                                set enabled = false, disabled_reason = :reason, disabled_at = :now
                                where id = :id and enabled = true""")
                        .param("reason", shown)
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
        if (disabled) {
            ownerOf(id)
                    .ifPresent(merchant -> events.publishEvent(AuditedChange.by(
                            by,
                            merchant,
                            "notification_destination:" + id,
                            "notification_destination.disabled",
                            Map.of("enabled", true),
                            Map.of("enabled", false, "reason", shown))));
        }
        return disabled;
    }

    /**
     * The destination with its secrets decrypted, for one send; empty if it was deleted or its secrets are gone.
     *
     * @throws dev.mercator.platform.crypto.UndecryptableSecretException if its secrets cannot be decrypted
     */
    public Optional<Target> target(MerchantId merchant, UUID id) {
        Optional<Destination> destination = find(merchant, id);
        if (destination.isEmpty()) {
            return Optional.empty();
        }
        return vault.find(merchant, vaultName(id)).map(fields -> {
            Map<String, String> secrets = new LinkedHashMap<>(fields);
            secrets.remove(UNSUBSCRIBE_KEY);
            Destination d = destination.get();
            return new Target(id, ChannelKind.find(d.kind()).orElseThrow(), d.settings(), secrets);
        });
    }

    /**
     * A destination and its owner by id alone, for a provider's callback that names it (Twilio's): the caller checks
     * the callback's signature with these secrets before it trusts anything else in it.
     */
    @Override
    public Optional<Owned> find(UUID destinationId) {
        return ownerOf(destinationId)
                .flatMap(merchant -> target(merchant, destinationId).map(target -> new Owned(merchant, target)));
    }

    /** The owner of a destination, whoever asks (an unsubscribe link carries no merchant). */
    Optional<MerchantId> ownerOf(UUID id) {
        return jdbc.sql("select merchant_id from notification_destinations where id = :id and deleted_at is null")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .map(MerchantId::new);
    }

    Optional<String> unsubscribeKey(MerchantId merchant, UUID id) {
        return vault.find(merchant, vaultName(id)).map(fields -> fields.get(UNSUBSCRIBE_KEY));
    }

    private String newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The vault set of a destination: names allow lowercase letters, digits and hyphens, which a UUID is. */
    static String vaultName(UUID id) {
        return "notify-" + id;
    }

    private static Destination destination(ResultSet rs) throws SQLException {
        Timestamp disabledAt = rs.getTimestamp("disabled_at");
        return new Destination(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("name"),
                JSON.readValue(rs.getString("settings"), SETTINGS),
                JSON.readValue(rs.getString("secret_fields"), NAMES),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                disabledAt == null ? null : disabledAt.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
