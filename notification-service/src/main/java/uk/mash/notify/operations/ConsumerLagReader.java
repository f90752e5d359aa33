package uk.mash.notify.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.platform.kafka.DeadLetterPublisher;

/**
 * Reads how far the pipeline's consumer groups are behind, from outside them, so a group whose service is down is
 * still measured. A partition's lag is the records between the group's committed offset and the last committed
 * record (read-committed: records of open or aborted transactions are not waiting for anyone); its age is how long the
 * first of them has waited, from its timestamp. A partition with only transaction markers past the committed offset
 * has nothing waiting. Partitions of a consumed topic on which the group has committed nothing yet are read from the
 * start, as the services' consumers would ({@code auto-offset-reset: earliest}), so a service that stopped before it
 * handled anything is still seen behind. Not thread-safe: one reader per scheduled task.
 */
class ConsumerLagReader implements AutoCloseable {

    // dead letters are few, so they are read and counted one by one; past this many on a partition, by offsets
    private static final int DEAD_LETTERS_READ = 2_000;
    // why a record was dead-lettered: the router's own reason; otherwise the exception's class, never its message
    private static final List<String> REASON_HEADERS = List.of(DeadLetterPublisher.UNROUTABLE_REASON_HEADER,
            KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, KafkaHeaders.DLT_EXCEPTION_FQCN);

    private final Admin admin;
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Clock clock;

    ConsumerLagReader(Map<String, Object> adminConfig, Map<String, Object> consumerConfig, Duration timeout,
            Clock clock) {
        this.admin = Admin.create(adminConfig);
        this.consumer = new KafkaConsumer<>(peekingConsumer(consumerConfig, timeout), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.timeout = timeout;
        this.clock = clock;
    }

    // Reads a partition's waiting records by assignment (the first, or a dead-letter topic's all); it never joins a
    // group or commits.
    private static Map<String, Object> peekingConsumer(Map<String, Object> config, Duration timeout) {
        Map<String, Object> peeking = new HashMap<>(config);
        peeking.remove(ConsumerConfig.GROUP_ID_CONFIG);
        peeking.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        peeking.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        peeking.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        peeking.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        peeking.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        peeking.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        peeking.put(ConsumerConfig.CLIENT_ID_CONFIG, "operations-lag-reader");
        // a broker that does not answer must fail a reading within its timeout, not the client's default minute
        peeking.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        peeking.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return peeking;
    }

    /**
     * @param groups each consumer group with the topics it consumes, measured even where it has committed nothing
     * @param deadLetterTopics the dead-letter topics whose records are counted
     * @param republishGroup the group whose committed offsets on the dead-letter topics mark what was republished
     * @param dismissed the dead letters operators dismissed, which are not counted
     */
    LagReading read(Map<String, ? extends Collection<String>> groups, Collection<String> deadLetterTopics,
            String republishGroup, Set<DeadLetterPosition> dismissed) throws LagNotReadException {
        try {
            List<PartitionLag> partitions = new ArrayList<>();
            for (Map.Entry<String, ? extends Collection<String>> group : groups.entrySet()) {
                partitions.addAll(lagOf(group.getKey(), group.getValue()));
            }
            return new LagReading(clock.instant(), partitions, deadLetters(republishGroup, deadLetterTopics, dismissed),
                    null);
        }
        catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LagNotReadException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagNotReadException("Interrupted.", e);
        }
    }

    private List<PartitionLag> lagOf(String group, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<PartitionLag> lags = new ArrayList<>();
        for (Map.Entry<TopicPartition, Range> waiting : waiting(group, topics).entrySet()) {
            TopicPartition partition = waiting.getKey();
            Range range = waiting.getValue();
            Instant oldest = range.isEmpty() ? null : firstWaitingSince(partition, range);
            lags.add(new PartitionLag(group, partition.topic(), partition.partition(),
                    oldest == null ? 0 : range.to() - range.from(), oldest));
        }
        return lags;
    }

    /** Each partition of the topics (and of those the group has committed on): from its offset to the last record. */
    private Map<TopicPartition, Range> waiting(String group, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(timeout.toMillis(),
                TimeUnit.MILLISECONDS).forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset.offset());
                    }
                });
        List<TopicPartition> consumed = partitionsOf(Stream.concat(topics.stream(),
                committed.keySet().stream().map(TopicPartition::topic)).toList());
        Map<TopicPartition, Long> starts = offsets(consumed, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(consumed, OffsetSpec.latest());
        Map<TopicPartition, Range> waiting = new LinkedHashMap<>();
        for (TopicPartition partition : consumed) {
            long start = starts.getOrDefault(partition, 0L);
            long from = Math.max(start, committed.getOrDefault(partition, start));
            waiting.put(partition, new Range(from, Math.max(from, ends.getOrDefault(partition, from))));
        }
        return waiting;
    }

    private Instant firstWaitingSince(TopicPartition partition, Range range) {
        List<ConsumerRecord<byte[], byte[]>> first = recordsIn(partition, range, 1);
        return first.isEmpty() ? null : Instant.ofEpochMilli(first.get(0).timestamp());
    }

    /** Up to {@code most} records in the range, read committed: no markers, nothing of an open or aborted transaction. */
    private List<ConsumerRecord<byte[], byte[]>> recordsIn(TopicPartition partition, Range range, int most) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, range.from());
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (found.size() < most && consumer.position(partition) < range.to() && System.nanoTime() < giveUpAt) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < range.to() && found.size() < most) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    private List<DeadLetters> deadLetters(String republishGroup, Collection<String> topics,
            Set<DeadLetterPosition> dismissed) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, DeadLetterTally> tallies = new TreeMap<>();
        topics.forEach(topic -> tallies.put(topic, new DeadLetterTally()));
        for (Map.Entry<TopicPartition, Range> waiting : waiting(republishGroup, topics).entrySet()) {
            TopicPartition partition = waiting.getKey();
            Range range = waiting.getValue();
            DeadLetterTally tally = tallies.get(partition.topic());
            if (range.isEmpty() || tally == null) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> records = recordsIn(partition, range, DEAD_LETTERS_READ);
            records.stream().filter(record -> !dismissed.contains(new DeadLetterPosition(record.topic(),
                    record.partition(), record.offset()))).forEach(tally::add);
            if (records.size() == DEAD_LETTERS_READ) {
                long firstUnread = records.get(records.size() - 1).offset() + 1;
                tally.addUnread(range.to() - firstUnread - dismissed.stream()
                        .filter(position -> position.topic().equals(partition.topic())
                                && position.partition() == partition.partition()
                                && position.offset() >= firstUnread && position.offset() < range.to())
                        .count());
            }
        }
        return tallies.entrySet().stream().map(topic -> topic.getValue().of(topic.getKey())).toList();
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = new HashMap<>();
        for (String topic : topics.stream().distinct().toList()) {
            try {
                described.put(topic, admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic));
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return described.values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Offsets from the group's position ({@code from}) to the partition's last committed record ({@code to}). */
    private record Range(long from, long to) {

        boolean isEmpty() {
            return to <= from;
        }
    }

    private static final class DeadLetterTally {

        private long waiting;
        private Instant oldest;
        private final Map<String, Long> reasons = new TreeMap<>();
        private final List<DeadLetters.Waiting> records = new ArrayList<>();

        void add(ConsumerRecord<byte[], byte[]> record) {
            waiting++;
            Instant at = Instant.ofEpochMilli(record.timestamp());
            oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            String reason = reasonOf(record);
            reasons.merge(reason, 1L, Long::sum);
            records.add(new DeadLetters.Waiting(record.partition(), record.offset(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), at, reason));
        }

        void addUnread(long records) {
            waiting += records;
            reasons.merge("not read (counted by offsets)", records, Long::sum);
        }

        DeadLetters of(String topic) {
            return new DeadLetters(topic, waiting, oldest, Collections.unmodifiableSortedMap(new TreeMap<>(reasons)),
                    records.stream().sorted(Comparator.comparing(DeadLetters.Waiting::deadLetteredAt))
                            .limit(DeadLetters.LISTED).toList());
        }

        private static String reasonOf(ConsumerRecord<byte[], byte[]> record) {
            for (String name : REASON_HEADERS) {
                Header header = record.headers().lastHeader(name);
                if (header != null) {
                    String reason = new String(header.value(), StandardCharsets.UTF_8);
                    return reason.substring(reason.lastIndexOf('.') + 1);
                }
            }
            return "not given";
        }
    }

    @Override
    public void close() {
        consumer.close();
        admin.close(Duration.ofSeconds(5));
    }

    /** Consumer lag could not be read (the broker unreachable or too slow); the reason names no child. */
    static class LagNotReadException extends Exception {

        LagNotReadException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
