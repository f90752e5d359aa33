package uk.mash.platform.kafka;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
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
 * re-serialized as Avro. The headers name the failure without quoting stored values: dead-letter topics are kept for
 * ever, and PostgreSQL's messages can quote the row it refused ("Failing row contains (...)"), a child's details
 * among them, so a failure from the database is published as its classes and SQLSTATE alone.
 */
public class DeadLetterPublisher implements ConsumerRecordRecoverer {

    /**
     * The header naming, in a word operations read, why the router dead-lettered an outcome it could not place
     * (an {@code UnroutableReason}); the operations page shows it beside each dead letter.
     */
    public static final String UNROUTABLE_REASON_HEADER = "referrals_unroutable-reason";

    /**
     * The header naming where a record republished from its dead-letter topic first failed, as
     * {@code topic/partition/offset}: written by the notifier's republisher and kept however often the record is
     * republished and dead-lettered again, so that intake tells the referrer of a dead-lettered submission once.
     */
    public static final String FIRST_DEAD_LETTERED_AT_HEADER = "referrals_first-dead-lettered-at";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final String DEAD_LETTERS = "referrals.dead.letter";

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meterRegistry;

    /**
     * @param topics the topics whose records may be dead-lettered: each one's count is registered at zero at once,
     *     because a rate over a counter (the alert on dead letters) cannot see the first increment of a counter that
     *     did not exist before it
     */
    public DeadLetterPublisher(KafkaOperations<?, ?> bytesTemplate, KafkaOperations<?, ?> avroTemplate,
            MeterRegistry meterRegistry, List<String> topics) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesTemplate);
        templates.put(Object.class, avroTemplate);
        this.recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(TopicCatalogue.deadLetterTopicOf(record.topic()), -1));
        this.meterRegistry = meterRegistry;
        topics.forEach(topic -> meterRegistry.counter(DEAD_LETTERS, "topic", topic));
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        log.warn("Dead-lettering record from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getClass().getSimpleName());
        recoverer.accept(asConsumed(record), withoutStoredValues(exception));
        meterRegistry.counter(DEAD_LETTERS, "topic", record.topic()).increment();
    }

    private static Exception withoutStoredValues(Exception exception) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return new RefusedByTheDatabase(exception.getClass().getSimpleName() + " from "
                        + sql.getClass().getSimpleName() + ", SQLSTATE " + sql.getSQLState());
            }
        }
        return exception;
    }

    /** A database failure, named by its classes and SQLSTATE only. */
    static final class RefusedByTheDatabase extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RefusedByTheDatabase(String message) {
            super(message);
        }
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
