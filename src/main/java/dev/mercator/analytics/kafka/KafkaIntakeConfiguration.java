package dev.mercator.analytics.kafka;

import dev.mercator.analytics.intake.EventIntake;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka intake's clients, built only when {@code mercator.analytics.kafka.bootstrap-servers} is set: without it
 * no Kafka bean exists and nothing tries to reach a broker. Spring Boot's own Kafka auto-configuration is not on the
 * class path (plain spring-kafka), so no stray template or admin client is created either.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaIntakeConfiguration.Configured.class)
class KafkaIntakeConfiguration {

    /** Whether {@code mercator.analytics.kafka.bootstrap-servers} holds anything but blanks. */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String servers = context.getEnvironment().getProperty("mercator.analytics.kafka.bootstrap-servers");
            return servers != null && !servers.isBlank();
        }
    }

    @Bean
    DefaultKafkaProducerFactory<String, byte[]> kafkaIntakeProducers(KafkaIntakeSettings settings) {
        Map<String, Object> producer = common(settings);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A rejected copy is sent at most once per attempt and never lost once acknowledged by all in-sync replicas.
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-rejected");
        return new DefaultKafkaProducerFactory<>(producer);
    }

    @Bean
    KafkaEventIntake kafkaEventIntake(
            EventIntake intake,
            DefaultKafkaProducerFactory<String, byte[]> producers,
            KafkaIntakeSettings settings,
            JsonMapper json,
            MeterRegistry meters) {
        return new KafkaEventIntake(intake, new KafkaTemplate<>(producers), settings, json, meters);
    }

    @Bean
    ConsumerFactory<String, byte[]> kafkaIntakeConsumers(KafkaIntakeSettings settings) {
        Map<String, Object> consumer = common(settings);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // A merchant's topic is read from its first record the first time the group meets it: events produced before
        // Mercator subscribed (a new merchant's topic is found at a metadata refresh) are not skipped.
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Offsets are committed by the container, and only after the events are journaled.
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(consumer);
    }

    @Bean
    KafkaMessageListenerContainer<String, byte[]> kafkaIntakeContainer(
            ConsumerFactory<String, byte[]> consumers, KafkaEventIntake intake, KafkaIntakeSettings settings) {
        ContainerProperties properties = containerProperties(new ContainerProperties(settings.topics()));
        properties.setMessageListener(listener(intake));
        KafkaMessageListenerContainer<String, byte[]> container =
                new KafkaMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(errorHandler(settings));
        container.setBeanName("analytics-kafka-intake");
        return container;
    }

    /**
     * Manual acknowledgement, committed synchronously: the listener acknowledges a batch only after {@link
     * KafkaEventIntake#consume} returned, so a consumer that stops or dies in between commits nothing for it.
     */
    static ContainerProperties containerProperties(ContainerProperties properties) {
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setSyncCommits(true);
        return properties;
    }

    static BatchAcknowledgingMessageListener<String, byte[]> listener(KafkaEventIntake intake) {
        return (records, acknowledgment) -> {
            intake.consume(records);
            Objects.requireNonNull(acknowledgment, "manual acknowledgement").acknowledge();
        };
    }

    /**
     * A failed batch (journal or rejected topic unavailable) is retried whole, for ever: never skipped, since a
     * skipped batch is lost. Its events already journaled come back as duplicates.
     */
    static DefaultErrorHandler errorHandler(KafkaIntakeSettings settings) {
        return new DefaultErrorHandler(
                new FixedBackOff(settings.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    private static Map<String, Object> common(KafkaIntakeSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.properties());
        config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                Objects.requireNonNull(settings.bootstrapServers(), "mercator.analytics.kafka.bootstrap-servers"));
        return config;
    }
}
