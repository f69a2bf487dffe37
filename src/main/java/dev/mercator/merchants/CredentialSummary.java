package dev.mercator.merchants;

import java.time.Instant;
import java.util.List;

/**
 * A configured credential set as listed: never its values.
 *
 * @param name the set's name, e.g. {@code shopify}
 * @param fields its field names, sorted; empty when it cannot be decrypted
 * @param updatedAt when it was last stored
 * @param readable false when the stored set cannot be decrypted with the configured keys (an operator must look)
 */
public record CredentialSummary(String name, List<String> fields, Instant updatedAt, boolean readable) {}
