package uk.mash.platform.kafka;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles every record of one poll in one database transaction, inside the one Kafka transaction the batch listener
 * container opened for the poll: the broker's cost is per transaction, not per record. Each record is still handled
 * on its own (its stored events keyed by its own topic, partition and offset), in partition order, so
 * effectively-once holds record by record. A record that fails rolls back both transactions and is named to the
 * after-rollback processor ({@link BatchListenerFailedException}), which retries the poll and, once retries are
 * spent, dead-letters that record alone; the rest of the poll is then handled again and committed. A failure of the
 * database, the schema registry or the broker ({@link InfrastructureFaults}: a deadlock between two polls'
 * transactions, a lost connection, a registry that does not answer) is not the record's fault: it is not named, so
 * the poll is retried without ever dead-lettering it.
 */
public class PollTransaction {

    private static final LogAccessor log = new LogAccessor(PollTransaction.class);

    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final DeadLetteredRecords deadLettered;

    public PollTransaction(ObjectProvider<PlatformTransactionManager> transactionManager,
            DeadLetteredRecords deadLettered) {
        this.transactionManager = transactionManager;
        this.deadLettered = deadLettered;
    }

    /** Hands each record of the poll not already dead-lettered to {@code handler}, in one database transaction. */
    public <K, V> void forEach(List<ConsumerRecord<K, V>> poll, Consumer<ConsumerRecord<K, V>> handler) {
        forEach(poll, records -> { }, handler);
    }

    /**
     * As {@link #forEach(List, Consumer)}, first handing {@code beforeRecords} the records to be handled that
     * deserialized, if there are any, in the same database transaction: to read or write for the whole poll at once
     * what each record would read or write on its own.
     */
    public <K, V> void forEach(List<ConsumerRecord<K, V>> poll, Consumer<List<ConsumerRecord<K, V>>> beforeRecords,
            Consumer<ConsumerRecord<K, V>> handler) {
        forEach(poll, beforeRecords, handler, record -> { });
    }

    /**
     * As {@link #forEach(List, Consumer, Consumer)}, also handing {@code afterDeadLetter} each record of the poll that
     * went to its dead-letter topic after an earlier attempt at it, in the transactions that commit its offset: to
     * tell whoever sent it, once, that it was not handled. A failure there is logged and passed over, since the record
     * is already kept on its dead-letter topic, unless it is an outage ({@link InfrastructureFaults}), which is retried.
     */
    public <K, V> void forEach(List<ConsumerRecord<K, V>> poll, Consumer<List<ConsumerRecord<K, V>>> beforeRecords,
            Consumer<ConsumerRecord<K, V>> handler, Consumer<ConsumerRecord<K, V>> afterDeadLetter) {
        new TransactionTemplate(transactionManager.getObject()).executeWithoutResult(status -> {
            deadLettered.committedBefore(poll);
            Map<Boolean, List<ConsumerRecord<K, V>>> byParked = poll.stream()
                    .collect(Collectors.partitioningBy(deadLettered::isParked));
            byParked.get(true).forEach(record -> afterDeadLetter(afterDeadLetter, record));
            List<ConsumerRecord<K, V>> toHandle = byParked.get(false);
            List<ConsumerRecord<K, V>> deserialized = toHandle.stream().filter(record -> record.value() != null)
                    .toList();
            if (!deserialized.isEmpty()) {
                beforeRecords.accept(deserialized);
            }
            for (ConsumerRecord<K, V> record : toHandle) {
                DeserializationException undecodable = deserializationFailure(record);
                if (undecodable != null) {
                    if (InfrastructureFaults.causedBy(undecodable)) {
                        throw new IllegalStateException("record could not be deserialized for now", undecodable);
                    }
                    throw new BatchListenerFailedException("record did not deserialize", undecodable, record);
                }
                try {
                    handler.accept(record);
                }
                catch (RuntimeException e) {
                    if (InfrastructureFaults.causedBy(e)) {
                        throw e;
                    }
                    throw new BatchListenerFailedException("record could not be handled", e, record);
                }
            }
        });
    }

    private static <K, V> void afterDeadLetter(Consumer<ConsumerRecord<K, V>> afterDeadLetter,
            ConsumerRecord<K, V> record) {
        try {
            afterDeadLetter.accept(record);
        }
        catch (RuntimeException e) {
            if (InfrastructureFaults.causedBy(e)) {
                throw e;
            }
            log.error(() -> "After dead-lettering the record from " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ", could not tell its sender: " + e.getClass().getSimpleName());
        }
    }

    private static DeserializationException deserializationFailure(ConsumerRecord<?, ?> record) {
        DeserializationException value = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        return value != null ? value
                : SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, log);
    }
}
