package dev.mercator.analytics.kafka;

import dev.mercator.analytics.intake.EventIntake;
import dev.mercator.platform.MerchantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One polled batch of records into the intake: each record is one event, its merchant the one whose topic it came from
 * (never anything in the record). Valid events are journaled through {@link EventIntake}, the same checks and the same
 * idempotency key as {@code POST /api/analytics/events}; duplicates are dropped; rejected records are copied to their
 * topic's rejected topic with the reasons. {@link #consume} returns only when both are durable, and only then may the
 * caller commit the offsets: a consumer that dies before reads the batch again and the journal drops the repeats.
 */
class KafkaEventIntake {

    /** The reasons a record was rejected, as a JSON array of {@code {code, field, message}}. */
    static final String REASONS_HEADER = "mercator-rejected-reasons";

    static final String SOURCE_HEADER = "mercator-source";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventIntake.class);

    private final EventIntake intake;
    private final KafkaTemplate<String, byte[]> rejected;
    private final KafkaIntakeSettings settings;
    private final JsonMapper json;
    private final Counter records;
    private final Counter failures;

    KafkaEventIntake(
            EventIntake intake,
            KafkaTemplate<String, byte[]> rejected,
            KafkaIntakeSettings settings,
            JsonMapper json,
            MeterRegistry meters) {
        this.intake = intake;
        this.rejected = rejected;
        this.settings = settings;
        this.json = json;
        this.records = Counter.builder("mercator.analytics.kafka.records")
                .description("Kafka records taken by the analytics intake (accepted, duplicate or rejected)")
                .register(meters);
        // A failing batch is retried for ever: this counter rising with nothing consumed is the stalled partition.
        this.failures = Counter.builder("mercator.analytics.kafka.batch.failures")
                .description("Kafka batches that could not be journaled or whose rejected copies could not be written")
                .register(meters);
    }

    /** What one batch came to, for logs and tests. */
    record Tally(int accepted, int duplicates, int rejected) {}

    Tally consume(List<ConsumerRecord<String, byte[]>> batch) {
        try {
            Tally tally = take(batch);
            records.increment(batch.size());
            return tally;
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
    }

    /** How many batches have failed so far (each is retried). */
    double failures() {
        return failures.count();
    }

    private Tally take(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        }
        int accepted = 0;
        int duplicates = 0;
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        for (Map.Entry<String, List<ConsumerRecord<String, byte[]>>> topic : byTopic.entrySet()) {
            MerchantId merchant = new MerchantId(settings.merchantOf(topic.getKey()));
            List<ConsumerRecord<String, byte[]>> parsed = new ArrayList<>();
            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : topic.getValue()) {
                JsonNode event = parse(record);
                if (event == null) {
                    sends.add(reject(
                            record,
                            List.of(new EventIntake.Reason(
                                    "invalid_json", "$", "the record's value is not a JSON document"))));
                } else {
                    parsed.add(record);
                    events.add(event);
                }
            }
            if (events.isEmpty()) {
                continue;
            }
            List<EventIntake.Outcome> outcomes;
            try {
                outcomes = intake.take(merchant, events);
            } catch (DataIntegrityViolationException e) {
                if (e instanceof DuplicateKeyException) {
                    throw e;
                }
                // The journal refers to the merchants table: a topic named after no merchant. Retrying cannot help,
                // so the records are rejected (kept, with the reason) rather than stalling the partition for ever.
                log.warn("Kafka records on {} name no merchant; rejected", topic.getKey());
                for (ConsumerRecord<String, byte[]> record : parsed) {
                    sends.add(reject(
                            record,
                            List.of(new EventIntake.Reason(
                                    "unknown_merchant", "$", "the topic names no merchant of this Mercator"))));
                }
                continue;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                EventIntake.Outcome outcome = outcomes.get(i);
                switch (outcome.status()) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> sends.add(reject(parsed.get(i), outcome.reasons()));
                }
            }
        }
        for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
            awaitSent(send);
        }
        Tally tally = new Tally(accepted, duplicates, sends.size());
        log.debug("Kafka intake batch of {} records: {}", records.size(), tally);
        return tally;
    }

    private @Nullable JsonNode parse(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (JacksonException e) {
            return null;
        }
    }

    private CompletableFuture<SendResult<String, byte[]>> reject(
            ConsumerRecord<String, byte[]> record, List<EventIntake.Reason> reasons) {
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(
                settings.rejectedTopic(record.topic()),
                null,
                record.key(),
                record.value() == null ? new byte[0] : record.value());
        for (Header header : record.headers()) {
            copy.headers().add(header);
        }
        copy.headers().add(REASONS_HEADER, json.writeValueAsBytes(reasons));
        copy.headers()
                .add(
                        SOURCE_HEADER,
                        (record.topic() + "/" + record.partition() + "@" + record.offset())
                                .getBytes(StandardCharsets.UTF_8));
        return rejected.send(copy);
    }

    private static void awaitSent(CompletableFuture<SendResult<String, byte[]>> send) {
        try {
            send.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying a rejected record", e);
        } catch (ExecutionException e) {
            // Not committed: the batch is retried, its accepted events then count as duplicates.
            throw new IllegalStateException("could not copy a rejected record to its rejected topic", e.getCause());
        }
    }
}
