package uk.mash.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import uk.mash.platform.serde.AvroProjection;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Sends a record that cannot be processed to {@code <topic>-dlt} with the reason in headers, and counts it, so that
 * a poison message is never skipped silently (Spring Kafka's default after ten attempts is to log and skip).
 * Records that never deserialized go out as their original bytes, and so do records read as a projection of their
 * event ({@link AvroProjection}): re-serialized, they would hold only the fields the listener reads. The rest are
 * re-serialized as Avro.
 */
public class DeadLetterPublisher implements ConsumerRecordRecoverer {

    /**
     * The header naming, in a word operations read, why the router dead-lettered an outcome it could not place
     * (an {@code UnroutableReason}); the operations page shows it beside each dead letter.
     */
    public static final String UNROUTABLE_REASON_HEADER = "referrals_unroutable-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meterRegistry;

    public DeadLetterPublisher(KafkaOperations<?, ?> bytesTemplate, KafkaOperations<?, ?> avroTemplate,
            MeterRegistry meterRegistry) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesTemplate);
        templates.put(Object.class, avroTemplate);
        this.recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(TopicCatalogue.deadLetterTopicOf(record.topic()), -1));
        this.meterRegistry = meterRegistry;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        log.warn("Dead-lettering record from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getClass().getSimpleName());
        recoverer.accept(asConsumed(record), exception);
        meterRegistry.counter("referrals.dead.letter", "topic", record.topic()).increment();
    }

    private static ConsumerRecord<?, ?> asConsumed(ConsumerRecord<?, ?> record) {
        if (!(record.value() instanceof AvroProjection.ProjectedRecord projected)) {
            return record;
        }
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                projected.message(), record.headers(), record.leaderEpoch());
    }
}
