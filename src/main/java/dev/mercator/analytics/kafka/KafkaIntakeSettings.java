package dev.mercator.analytics.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka intake ({@code mercator.analytics.kafka.*}; environment variables {@code MERCATOR_ANALYTICS_KAFKA_*}). Off
 * while {@code bootstrapServers} is unset: then no Kafka client is created at all.
 *
 * @param bootstrapServers the brokers, {@code host:port,host:port}; unset (the default) leaves the Kafka intake off
 * @param groupId the consumer group: every Mercator instance with the same group shares the partitions
 * @param topicPrefix a merchant's events are read from the topic {@code <prefix><merchant id>}; all such topics are
 *     subscribed by pattern, so a new merchant's topic is picked up at the next metadata refresh
 * @param rejectedSuffix rejected records go to {@code <their topic><suffix>} with their reasons in a header
 * @param maxPollRecords most records one poll hands to the intake (and so journals in one transaction per merchant)
 * @param retryBackoff pause before a batch is retried after the journal or the rejected topic failed; retries never
 *     stop (nothing is skipped), so a long outage stalls the partitions instead of losing events
 * @param properties further Kafka client properties passed as they are to the consumer and the producer (security:
 *     {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.*}; tuning). {@code
 *     enable.auto.commit} is always false whatever is set here.
 */
@Validated
@ConfigurationProperties("mercator.analytics.kafka")
record KafkaIntakeSettings(
        @Nullable String bootstrapServers,
        @DefaultValue("mercator-analytics") @NotBlank String groupId,

        @DefaultValue("mercator.analytics.events.") @NotBlank
        String topicPrefix,

        @DefaultValue(".rejected") @NotBlank String rejectedSuffix,
        @DefaultValue("500") @Min(1) int maxPollRecords,
        @DefaultValue("1s") @NotNull Duration retryBackoff,
        @DefaultValue Map<String, String> properties) {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    KafkaIntakeSettings {
        if (!topicPrefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "mercator.analytics.kafka.topic-prefix may hold only letters, digits, '.', '_' and '-', was "
                            + topicPrefix);
        }
        if (!rejectedSuffix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "mercator.analytics.kafka.rejected-suffix may hold only letters, digits, '.', '_' and '-', was "
                            + rejectedSuffix);
        }
    }

    /**
     * The merchants' topics: the prefix and a merchant id, nothing after it (a pattern must match a whole topic name,
     * so the rejected topics are never read back).
     */
    Pattern topics() {
        return Pattern.compile(Pattern.quote(topicPrefix) + UUID_PATTERN);
    }

    String topic(UUID merchant) {
        return topicPrefix + merchant;
    }

    /** The merchant a topic belongs to; only called for topics the pattern matched. */
    UUID merchantOf(String topic) {
        return UUID.fromString(topic.substring(topicPrefix.length()));
    }

    String rejectedTopic(String topic) {
        return topic + rejectedSuffix;
    }
}
