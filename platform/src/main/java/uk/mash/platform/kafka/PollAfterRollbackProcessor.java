package uk.mash.platform.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties.EOSMode;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * After a poll's transactions rolled back: seeks back to the start of the poll and, when the listener named the
 * record that failed ({@link BatchListenerFailedException}), counts that record's attempts with the same back-off as
 * a record listener's. Once they are spent the record alone goes to its dead-letter topic and is passed over when
 * the poll comes again ({@link DeadLetteredRecords}), so the good records of the poll are handled and committed
 * once. Spring Kafka's own processor would dead-letter the whole batch, or, without batch recovery, retry it for
 * ever. A failure not tied to a record (e.g. the database commit) retries the poll with the back-off, for ever:
 * nothing in the poll is known to be bad.
 */
class PollAfterRollbackProcessor implements AfterRollbackProcessor<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(PollAfterRollbackProcessor.class);

    private final DeadLetterPublisher deadLetters;
    private final DeadLetteredRecords deadLettered;
    private final BackOff backOff;
    private final Duration deadLetterRetry;
    private final ThreadLocal<Failing> failing = new ThreadLocal<>();

    /**
     * @param deadLetterRetry how long to wait before trying again to dead-letter a record the broker would not take
     */
    PollAfterRollbackProcessor(DeadLetterPublisher deadLetters, DeadLetteredRecords deadLettered, BackOff backOff,
            Duration deadLetterRetry) {
        this.deadLetters = deadLetters;
        this.deadLettered = deadLettered;
        this.backOff = backOff;
        this.deadLetterRetry = deadLetterRetry;
    }

    @Override
    public void processBatch(ConsumerRecords<Object, Object> records, List<ConsumerRecord<Object, Object>> recordList,
            Consumer<Object, Object> consumer, MessageListenerContainer container, Exception exception,
            boolean recoverable, EOSMode eosMode) {
        process(recordList, consumer, container, exception, recoverable, eosMode);
    }

    @Override
    public void process(List<ConsumerRecord<Object, Object>> records, Consumer<Object, Object> consumer,
            MessageListenerContainer container, Exception exception, boolean recoverable, EOSMode eosMode) {
        seekToStart(records, consumer);
        BatchListenerFailedException failed = failedRecordOf(exception);
        ConsumerRecord<?, ?> record = failed == null ? null : failed.getRecord();
        long interval = nextBackOff(record == null ? null : RecordPosition.of(record));
        if (interval == BackOffExecution.STOP) {
            Exception reason = failed.getCause() instanceof Exception cause ? cause : failed;
            try {
                deadLetters.accept(record, reason);
            }
            catch (RuntimeException e) {
                // the record stays where it is and is tried again, a dead letter at a time rather than at once:
                // with its back-off spent, every redelivery would go straight back to a broker that just refused it
                log.error("Could not dead-letter the record from {}-{}@{}; trying again in {}: {}",
                        record.topic(), record.partition(), record.offset(), deadLetterRetry,
                        e.getClass().getSimpleName());
                sleep(container, deadLetterRetry.toMillis());
                return;
            }
            deadLettered.parked(record);
            failing.remove();
            return;
        }
        sleep(container, interval);
    }

    private static void sleep(MessageListenerContainer container, long millis) {
        try {
            ListenerUtils.stoppableSleep(container, millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void clearThreadState() {
        failing.remove();
        deadLettered.clear();
    }

    private long nextBackOff(RecordPosition position) {
        Failing current = failing.get();
        if (current == null || !Objects.equals(current.position(), position)) {
            current = new Failing(position, backOff.start());
            failing.set(current);
        }
        long interval = current.backOff().nextBackOff();
        if (interval == BackOffExecution.STOP && position == null) {
            log.warn("Poll failed without naming a record; retrying it");
            current = new Failing(null, backOff.start());
            failing.set(current);
            interval = current.backOff().nextBackOff();
        }
        return interval;
    }

    private static void seekToStart(List<ConsumerRecord<Object, Object>> records, Consumer<Object, Object> consumer) {
        Map<TopicPartition, Long> starts = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> record : records) {
            starts.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        starts.forEach(consumer::seek);
    }

    private static BatchListenerFailedException failedRecordOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException failed && failed.getRecord() != null) {
                return failed;
            }
        }
        return null;
    }

    private record Failing(RecordPosition position, BackOffExecution backOff) {
    }
}
