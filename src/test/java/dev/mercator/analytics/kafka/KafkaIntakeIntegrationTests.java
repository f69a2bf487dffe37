package dev.mercator.analytics.kafka;

import static dev.mercator.analytics.AnalyticsEvents.event;
import static dev.mercator.analytics.AnalyticsEvents.line;
import static dev.mercator.analytics.AnalyticsEvents.order;
import static dev.mercator.analytics.AnalyticsEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka intake against a real (embedded, KRaft) broker, one per class, and the journal read back from the
 * database. Records are produced by a plain Kafka producer, as a merchant's system would.
 */
// spring-kafka 4 has only the KRaft broker (no ZooKeeper, so no kraft attribute any more).
// As in production (ADR 35), a merchant's rejected topic is created with its topic, never on first use.
@EmbeddedKafka(count = 1, brokerProperties = "auto.create.topics.enable=false")
// The broker and this context's consumer stop with the class instead of idling in the context cache.
@DirtiesContext
@TestPropertySource(
        properties = {
            "mercator.analytics.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            // A merchant created during a test gets its topic then: the pattern subscription finds it at the next
            // refresh.
            "mercator.analytics.kafka.properties[metadata.max.age.ms]=300",
            "mercator.analytics.kafka.retry-backoff=100ms",
            // A send to a missing rejected topic fails after this, not after the default minute.
            "mercator.analytics.kafka.properties[max.block.ms]=1000",
        })
class KafkaIntakeIntegrationTests extends IntegrationTest {

    private static final String PREFIX = "mercator.analytics.events.";
    private static final String GROUP = "mercator-analytics";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    KafkaEventIntake intake;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    KafkaMessageListenerContainer<String, byte[]> container;

    private static @Nullable Admin admin;
    private static @Nullable KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void clientsOf(@Autowired EmbeddedKafkaBroker broker) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeClients() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    private String topicOf(String merchant, int partitions) throws Exception {
        String topic = topicWithoutRejected(merchant, partitions);
        admin().createTopics(List.of(new NewTopic(topic + ".rejected", 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return topic;
    }

    private String topicWithoutRejected(String merchant, int partitions) throws Exception {
        String topic = PREFIX + merchant;
        admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static Admin admin() {
        if (admin == null) {
            throw new IllegalStateException("no admin client");
        }
        return admin;
    }

    private void send(String topic, String key, byte[] value) throws Exception {
        if (producer == null) {
            throw new IllegalStateException("no producer");
        }
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private void send(String topic, Map<String, Object> event) throws Exception {
        send(topic, String.valueOf(event.get("id")), json.writeValueAsBytes(event));
    }

    /** The offsets a group committed on a topic, summed over its partitions (0 when none). */
    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
            if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

    private void awaitCommitted(String group, String topic, long records) {
        Eventually.holds(PATIENCE, Duration.ofMillis(100), () -> committed(group, topic) >= records);
    }

    private List<Map<String, Object>> journal(String merchant) {
        return jdbc.sql("select event_id, type, payload from analytics_events where merchant_id = :m order by event_id")
                .param("m", UUID.fromString(merchant))
                .query()
                .listOfRows();
    }

    private List<ConsumerRecord<String, byte[]>> rejected(String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(topic + ".rejected"));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more short poll: a record beyond those expected would show up here and fail the test's count.
            reader.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private List<String> reasonCodes(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(KafkaEventIntake.REASONS_HEADER);
        assertThat(header).as("reasons header").isNotNull();
        List<String> codes = new ArrayList<>();
        for (JsonNode reason : json.readTree(header.value())) {
            codes.add(reason.get("code").asString());
        }
        return codes;
    }

    @Test
    void eventsOnAMerchantsTopicAreJournaledOnceAndRepeatsAreDropped() throws Exception {
        Tenant shop = newMerchant("Kafka Shop");
        String topic = topicOf(shop.id(), 2);
        Map<String, Object> placed =
                order("k-1", "2026-03-01T10:00:00Z", "o-1", "c-1", "web", "0", List.of(line("sku-1", 2, "19.99")));

        send(topic, placed);
        send(topic, pageView("k-2", "2026-03-01T10:01:00Z"));
        send(topic, placed);
        send(topic, pageView("k-2", "2026-03-01T10:01:00Z"));
        send(topic, pageView("k-3", "2026-03-01T10:02:00Z"));
        awaitCommitted(GROUP, topic, 5);

        assertThat(committed(GROUP, topic)).isEqualTo(5);
        List<Map<String, Object>> rows = journal(shop.id());
        assertThat(rows).extracting(row -> row.get("event_id")).containsExactly("k-1", "k-2", "k-3");
        assertThat(rows.get(0).get("type")).isEqualTo("order_placed");
        assertThat(json.readTree(String.valueOf(rows.get(0).get("payload")))
                        .get("lines")
                        .get(0)
                        .get("unitPrice")
                        .asString())
                .isEqualTo("19.99");
        assertThat(rejected(topic, 0)).isEmpty();
    }

    @Test
    void anInvalidRecordGoesToTheRejectedTopicWithItsReasonsAndStoresNothing() throws Exception {
        Tenant shop = newMerchant("Kafka Rejects");
        String topic = topicOf(shop.id(), 1);

        send(topic, event("bad-1", "coupon_used", "2026-03-01T10:00:00Z", Map.of("code", "X")));
        send(topic, "bad-2", "{not json".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> noPrice = new LinkedHashMap<>(
                order("bad-3", "2026-03-01T10:00:00Z", "o-3", "c-3", "web", "0", List.of(line("sku-1", 1, "5.00"))));
        noPrice.put("payload", Map.of("orderId", "o-3"));
        send(topic, noPrice);
        send(topic, pageView("good-1", "2026-03-01T10:00:00Z"));
        awaitCommitted(GROUP, topic, 4);

        assertThat(journal(shop.id())).extracting(row -> row.get("event_id")).containsExactly("good-1");
        // The rejected topic may have several partitions: the copies keep their key, not their order across keys.
        List<ConsumerRecord<String, byte[]>> rejected = new ArrayList<>(rejected(topic, 3));
        rejected.sort(java.util.Comparator.comparing(ConsumerRecord::key));
        assertThat(rejected).extracting(ConsumerRecord::key).containsExactly("bad-1", "bad-2", "bad-3");
        assertThat(reasonCodes(rejected.get(0))).containsExactly("unknown_type");
        assertThat(reasonCodes(rejected.get(1))).containsExactly("invalid_json");
        assertThat(reasonCodes(rejected.get(2))).isNotEmpty().allMatch("invalid_payload"::equals);
        assertThat(new String(rejected.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(
                        rejected.get(0)
                                .headers()
                                .lastHeader(KafkaEventIntake.SOURCE_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(topic + "/0@0");
    }

    @Test
    void aRecordBelongsToTheMerchantWhoseTopicItCameFromAndToNoOther() throws Exception {
        Tenant first = newMerchant("Kafka Tenant One");
        Tenant second = newMerchant("Kafka Tenant Two");
        String firstTopic = topicOf(first.id(), 1);
        String secondTopic = topicOf(second.id(), 1);
        String nobody = topicOf(UUID.randomUUID().toString(), 1);

        send(firstTopic, pageView("same-id", "2026-03-01T10:00:00Z"));
        send(
                secondTopic,
                order("same-id", "2026-03-01T10:00:00Z", "o-9", "c-9", "web", "0", List.of(line("sku-9", 1, "9.00"))));
        Map<String, Object> claimsOther = new LinkedHashMap<>(pageView("claim-1", "2026-03-01T10:00:00Z"));
        claimsOther.put("merchantId", second.id());
        send(firstTopic, claimsOther);
        send(nobody, pageView("orphan-1", "2026-03-01T10:00:00Z"));
        awaitCommitted(GROUP, firstTopic, 2);
        awaitCommitted(GROUP, secondTopic, 1);
        awaitCommitted(GROUP, nobody, 1);

        assertThat(journal(first.id())).extracting(row -> row.get("type")).containsExactly("page_view");
        assertThat(journal(second.id())).extracting(row -> row.get("type")).containsExactly("order_placed");
        assertThat(journal(nobody.substring(PREFIX.length()))).isEmpty();
        List<ConsumerRecord<String, byte[]>> firstRejected = rejected(firstTopic, 1);
        assertThat(firstRejected).extracting(ConsumerRecord::key).containsExactly("claim-1");
        assertThat(reasonCodes(firstRejected.get(0))).containsExactly("invalid_envelope");
        List<ConsumerRecord<String, byte[]>> orphans = rejected(nobody, 1);
        assertThat(orphans).extracting(ConsumerRecord::key).containsExactly("orphan-1");
        assertThat(reasonCodes(orphans.get(0))).containsExactly("unknown_merchant");
    }

    @Test
    void aBatchWhoseRejectedCopyCannotBeWrittenIsRetriedUntilItCanAndCommittedOnlyThen() throws Exception {
        Tenant shop = newMerchant("Kafka Stalled");
        String topic = topicWithoutRejected(shop.id(), 1);

        double failedBefore = intake.failures();
        send(topic, event("stuck-1", "coupon_used", "2026-03-01T10:00:00Z", Map.of("code", "X")));
        send(topic, pageView("fine-1", "2026-03-01T10:00:00Z"));
        Eventually.holds(PATIENCE, Duration.ofMillis(100), () -> intake.failures() >= failedBefore + 2);

        // The valid event is journaled, the rejected copy had nowhere to go, twice: nothing may be committed yet.
        assertThat(intake.failures()).isGreaterThanOrEqualTo(failedBefore + 2);
        assertThat(journal(shop.id())).extracting(row -> row.get("event_id")).containsExactly("fine-1");
        assertThat(committed(GROUP, topic)).isZero();

        admin().createTopics(List.of(new NewTopic(topic + ".rejected", 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        awaitCommitted(GROUP, topic, 2);

        assertThat(committed(GROUP, topic)).isEqualTo(2);
        assertThat(journal(shop.id())).extracting(row -> row.get("event_id")).containsExactly("fine-1");
        List<ConsumerRecord<String, byte[]>> rejected = rejected(topic, 1);
        assertThat(rejected).extracting(ConsumerRecord::key).containsExactly("stuck-1");
        assertThat(reasonCodes(rejected.get(0))).containsExactly("unknown_type");
    }

    @Test
    void aConsumerStoppedMidBatchBeforeCommittingRereadsItAndCountsEveryEventOnce() throws Exception {
        Tenant shop = newMerchant("Kafka Restart");
        String topic = topicOf(shop.id(), 1);
        for (int i = 0; i < 10; i++) {
            send(topic, pageView("r-" + i, "2026-03-01T10:00:0" + i + "Z"));
        }
        // This suite's own consumers of the topic are the only ones while it runs: the application's is stopped.
        String group = "restart-" + UUID.randomUUID();
        container.stop();
        try {
            // First consumer: journals half of its first poll, then stops without acknowledging (as if killed).
            AtomicInteger journaledBeforeStop = new AtomicInteger();
            AtomicReference<@Nullable KafkaMessageListenerContainer<String, byte[]>> first = new AtomicReference<>();
            CountDownLatch stopped = new CountDownLatch(1);
            BatchAcknowledgingMessageListener<String, byte[]> dying = (records, acknowledgment) -> {
                if (journaledBeforeStop.get() > 0) {
                    return;
                }
                List<ConsumerRecord<String, byte[]>> part = records.subList(0, Math.max(1, records.size() / 2));
                journaledBeforeStop.set(intake.consume(part).accepted());
                KafkaMessageListenerContainer<String, byte[]> self = first.get();
                if (self != null) {
                    self.stop(stopped::countDown);
                }
            };
            first.set(consumer(topic, group, dying));
            first.get().start();
            assertThat(stopped.await(60, TimeUnit.SECONDS))
                    .as("first consumer stopped")
                    .isTrue();

            assertThat(journaledBeforeStop.get()).isBetween(1, 2);
            assertThat(journal(shop.id())).hasSize(journaledBeforeStop.get());
            assertThat(committed(group, topic)).isZero();

            // Second consumer, same group, acknowledging as the application's does: counts what each batch came to.
            List<KafkaEventIntake.Tally> tallies = new CopyOnWriteArrayList<>();
            KafkaMessageListenerContainer<String, byte[]> second = consumer(topic, group, (records, acknowledgment) -> {
                tallies.add(intake.consume(records));
                java.util.Objects.requireNonNull(acknowledgment).acknowledge();
            });
            second.start();
            try {
                awaitCommitted(group, topic, 10);
            } finally {
                second.stop();
            }

            assertThat(committed(group, topic)).isEqualTo(10);
            int accepted =
                    tallies.stream().mapToInt(KafkaEventIntake.Tally::accepted).sum();
            int duplicates = tallies.stream()
                    .mapToInt(KafkaEventIntake.Tally::duplicates)
                    .sum();
            assertThat(duplicates).as("re-read after the stop").isEqualTo(journaledBeforeStop.get());
            assertThat(accepted).isEqualTo(10 - journaledBeforeStop.get());
            assertThat(journal(shop.id()))
                    .extracting(row -> row.get("event_id"))
                    .containsExactly("r-0", "r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8", "r-9");
        } finally {
            container.start();
        }
    }

    /** A consumer of one topic built like the application's, reading at most four records a poll. */
    private KafkaMessageListenerContainer<String, byte[]> consumer(
            String topic, String group, BatchAcknowledgingMessageListener<String, byte[]> listener) {
        ContainerProperties properties = KafkaIntakeConfiguration.containerProperties(new ContainerProperties(topic));
        properties.setGroupId(group);
        java.util.Properties overrides = new java.util.Properties();
        overrides.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "4");
        properties.setKafkaConsumerProperties(overrides);
        properties.setMessageListener(listener);
        KafkaMessageListenerContainer<String, byte[]> container =
                new KafkaMessageListenerContainer<>(consumers, properties);
        container.setBeanName(group);
        return container;
    }
}
