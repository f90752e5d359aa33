package uk.mash.platform.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records of the consumer's thread that went to their dead-letter topic after the batch they came in was rolled back.
 * Their offsets cannot be committed on their own (the good records before them in the partition were rolled back
 * too), so they are redelivered with the rest of the poll and passed over, and their offsets commit with the next
 * poll's transaction. Held per consumer thread: a restart or rebalance before that commit retries the record and
 * dead-letters it again, as a record listener would.
 */
public class DeadLetteredRecords {

    private final ThreadLocal<Set<RecordPosition>> parked = ThreadLocal.withInitial(HashSet::new);

    void parked(ConsumerRecord<?, ?> record) {
        parked.get().add(RecordPosition.of(record));
    }

    boolean isParked(ConsumerRecord<?, ?> record) {
        return parked.get().contains(RecordPosition.of(record));
    }

    /** Forgets records before the first of this poll in each of its partitions: those offsets are committed. */
    void committedBefore(List<? extends ConsumerRecord<?, ?>> poll) {
        Set<RecordPosition> current = parked.get();
        if (current.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> firstOffsets = poll.stream().collect(Collectors.toMap(
                record -> new TopicPartition(record.topic(), record.partition()), ConsumerRecord::offset, Math::min));
        current.removeIf(position -> {
            Long first = firstOffsets.get(new TopicPartition(position.topic(), position.partition()));
            return first != null && position.offset() < first;
        });
    }

    void clear() {
        parked.remove();
    }
}
