package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.SecretCipher;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * The credential vault: named sets of secret fields a merchant gives Mercator (a marketplace token, an API key and
 * secret) for other modules to call vendors with. Each set is serialised to JSON and encrypted as a whole, bound to its
 * merchant and name, so nothing is readable at rest and a row copied to another merchant does not decrypt. Values leave
 * this class only through {@link #find}, for internal use; listings show names and field names only. Storing or
 * deleting a set publishes {@link MerchantCredentialsChanged}, so modules that keep what they read can drop it.
 */
@Component
public class MerchantCredentials {

    private static final Logger log = LoggerFactory.getLogger(MerchantCredentials.class);

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,50}");
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]{1,50}");
    static final int MAX_FIELDS = 20;
    static final int MAX_VALUE_LENGTH = 4096;
    // A private mapper: the format at rest must not change when someone tunes the web layer's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;

    MerchantCredentials(JdbcClient jdbc, SecretCipher cipher, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
    }

    /**
     * Stores the credential set {@code name} of a merchant, replacing any earlier one of that name.
     *
     * @throws IllegalArgumentException if the name or fields break the rules of {@link #violations}, or there is no
     *     such merchant
     */
    @Transactional
    public void store(MerchantId merchant, String name, Map<String, String> fields) {
        List<Violation> violations = violations(name, fields);
        if (!violations.isEmpty()) {
            // Field names only: the values are the secrets.
            throw new IllegalArgumentException("Invalid credentials: "
                    + violations.stream()
                            .map(v -> v.field() + " " + v.message())
                            .collect(Collectors.joining("; ")));
        }
        // Locking the merchant serialises writers of one merchant, so update-else-insert cannot race into a duplicate
        // key (which on PostgreSQL would also abort the caller's transaction).
        boolean merchantExists = jdbc.sql("select id from merchants where id = :id for update")
                .param("id", merchant.value())
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!merchantExists) {
            throw new IllegalArgumentException("No merchant " + merchant);
        }
        String ciphertext =
                cipher.encrypt(JSON.writeValueAsBytes(new TreeMap<>(fields)), associatedData(merchant, name));
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("""
                        update merchant_credentials set ciphertext = :ciphertext, key_id = :keyId, updated_at = :now
                        where merchant_id = :merchant and name = :name""")
                .param("ciphertext", ciphertext)
                .param("keyId", SecretCipher.keyIdOf(ciphertext))
                .param("now", now)
                .param("merchant", merchant.value())
                .param("name", name)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into merchant_credentials (merchant_id, name, ciphertext, key_id, updated_at)
                            values (:merchant, :name, :ciphertext, :keyId, :now)""")
                    .param("merchant", merchant.value())
                    .param("name", name)
                    .param("ciphertext", ciphertext)
                    .param("keyId", SecretCipher.keyIdOf(ciphertext))
                    .param("now", now)
                    .update();
        }
        events.publishEvent(new MerchantCredentialsChanged(merchant, name));
        log.info("Stored credentials '{}' ({} fields) for merchant {}", name, fields.size(), merchant);
    }

    /**
     * The decrypted fields of a credential set, for internal use only (never hand them to an HTTP response).
     *
     * @throws UndecryptableSecretException if the set exists but cannot be decrypted (its key was removed from the
     *     ring, or the row was altered or copied from elsewhere); that needs an operator, not a silent "not configured"
     */
    public Optional<Map<String, String>> find(MerchantId merchant, String name) {
        return jdbc.sql("select ciphertext from merchant_credentials where merchant_id = :merchant and name = :name")
                .param("merchant", merchant.value())
                .param("name", name)
                .query(String.class)
                .optional()
                .map(ciphertext -> open(merchant, name, ciphertext));
    }

    /** What a merchant has configured: names and field names, never values. */
    public List<CredentialSummary> list(MerchantId merchant) {
        return jdbc.sql("""
                        select name, ciphertext, updated_at from merchant_credentials
                        where merchant_id = :merchant order by name""")
                .param("merchant", merchant.value())
                .query((rs, n) -> summary(
                        merchant,
                        rs.getString("name"),
                        rs.getString("ciphertext"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    @Transactional
    public boolean delete(MerchantId merchant, String name) {
        boolean deleted = jdbc.sql("delete from merchant_credentials where merchant_id = :merchant and name = :name")
                        .param("merchant", merchant.value())
                        .param("name", name)
                        .update()
                == 1;
        if (deleted) {
            events.publishEvent(new MerchantCredentialsChanged(merchant, name));
            log.info("Deleted credentials '{}' of merchant {}", name, merchant);
        }
        return deleted;
    }

    private CredentialSummary summary(MerchantId merchant, String name, String ciphertext, Instant updatedAt) {
        try {
            return new CredentialSummary(
                    name, List.copyOf(open(merchant, name, ciphertext).keySet()), updatedAt, true);
        } catch (UndecryptableSecretException e) {
            log.warn("Credentials '{}' of merchant {} cannot be decrypted: {}", name, merchant, e.getMessage());
            return new CredentialSummary(name, List.of(), updatedAt, false);
        }
    }

    private SortedMap<String, String> open(MerchantId merchant, String name, String ciphertext) {
        byte[] json = cipher.decrypt(ciphertext, associatedData(merchant, name));
        try {
            return Collections.unmodifiableSortedMap(JSON.readValue(json, FIELDS));
        } finally {
            java.util.Arrays.fill(json, (byte) 0);
        }
    }

    /** Binds a ciphertext to its row: merchant ids are fixed-format UUIDs and names cannot contain ':'. */
    static String associatedData(MerchantId merchant, String name) {
        return "merchant_credentials:" + merchant.value() + ":" + name;
    }

    /**
     * The rules a credential set must follow: a name of 1 to 50 lowercase letters, digits or hyphens; 1 to 20 fields;
     * field names of 1 to 50 letters, digits or underscores; string values of 1 to 4096 characters. Values may be any
     * object so the HTTP layer can report non-string values too.
     */
    static List<Violation> violations(@Nullable String name, Map<String, ? extends @Nullable Object> fields) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation("name", "must be 1 to 50 lowercase letters, digits or hyphens"));
        }
        if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
            violations.add(new Violation("fields", "must have 1 to " + MAX_FIELDS + " fields, not " + fields.size()));
            return violations;
        }
        fields.forEach((field, value) -> {
            String path = "fields." + shorten(field);
            if (!FIELD_NAME.matcher(field).matches()) {
                violations.add(new Violation(path, "field names must be 1 to 50 letters, digits or underscores"));
            }
            if (!(value instanceof String text)) {
                violations.add(new Violation(path, "must be a string"));
            } else if (text.isEmpty() || text.length() > MAX_VALUE_LENGTH) {
                violations.add(new Violation(path, "must be 1 to " + MAX_VALUE_LENGTH + " characters long"));
            }
        });
        return violations;
    }

    private static String shorten(String field) {
        return field.length() <= 50 ? field : field.substring(0, 50) + "…";
    }

    /** One broken rule: which part of the request ({@code name}, {@code fields}, {@code fields.<name>}) and why. */
    record Violation(String field, String message) {}
}
