package uk.mash.notify.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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

    private final Admin admin;
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Clock clock;

    ConsumerLagReader(Map<String, Object> adminConfig, Map<String, Object> consumerConfig, Duration timeout,
            Clock clock) {
        this.admin = Admin.create(adminConfig);
        this.consumer = new KafkaConsumer<>(peekingConsumer(consumerConfig), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.timeout = timeout;
        this.clock = clock;
    }

    // Peeks at the first waiting record of a partition by assignment; it never joins a group or commits.
    private static Map<String, Object> peekingConsumer(Map<String, Object> config) {
        Map<String, Object> peeking = new HashMap<>(config);
        peeking.remove(ConsumerConfig.GROUP_ID_CONFIG);
        peeking.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        peeking.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        peeking.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        peeking.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        peeking.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        peeking.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        peeking.put(ConsumerConfig.CLIENT_ID_CONFIG, "operations-lag-reader");
        return peeking;
    }

    /**
     * @param groups each consumer group with the topics it consumes, measured even where it has committed nothing
     * @param deadLetterTopics the dead-letter topics whose records are counted
     */
    LagReading read(Map<String, ? extends Collection<String>> groups, Collection<String> deadLetterTopics)
            throws LagNotReadException {
        try {
            List<PartitionLag> partitions = new ArrayList<>();
            for (Map.Entry<String, ? extends Collection<String>> group : groups.entrySet()) {
                partitions.addAll(lagOf(group.getKey(), group.getValue()));
            }
            return new LagReading(clock.instant(), partitions, deadLettered(deadLetterTopics), null);
        }
        catch (ExecutionException | TimeoutException e) {
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
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(timeout.toMillis(),
                TimeUnit.MILLISECONDS).forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset.offset());
                    }
                });
        List<TopicPartition> consumed = partitionsOf(Stream.concat(topics.stream(),
                committed.keySet().stream().map(TopicPartition::topic)).toList());
        Map<TopicPartition, Long> starts = offsets(consumed.stream().filter(p -> !committed.containsKey(p)).toList(),
                OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(consumed, OffsetSpec.latest());
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : consumed) {
            long from = committed.getOrDefault(partition, starts.getOrDefault(partition, 0L));
            long to = ends.getOrDefault(partition, from);
            Instant oldest = to > from ? firstWaitingSince(partition, from, to) : null;
            lags.add(new PartitionLag(group, partition.topic(), partition.partition(),
                    oldest == null ? 0 : to - from, oldest));
        }
        return lags;
    }

    private Instant firstWaitingSince(TopicPartition partition, long from, long to) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < to && System.nanoTime() < giveUpAt) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < to) {
                    return Instant.ofEpochMilli(record.timestamp());
                }
            }
        }
        return null;
    }

    private Map<String, Long> deadLettered(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = partitionsOf(topics);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<String, Long> records = new TreeMap<>();
        topics.forEach(topic -> records.put(topic, 0L));
        for (TopicPartition partition : partitions) {
            records.merge(partition.topic(), ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L),
                    Long::sum);
        }
        return records;
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
