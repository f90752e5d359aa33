package uk.mash.notify.operations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import uk.mash.platform.kafka.DeadLetterPublisher;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Republishes what waits on a dead-letter topic to the topic it came from, once whatever made it fail is put right
 * (the routing table, the case registry, a fixed release): the same key and bytes, its own headers without the
 * dead-letter ones, where it was first dead-lettered from, and who republished it. The records go out and the
 * dead-letter topic's position ({@code referrals.operations.republish-group}) moves past them in one Kafka
 * transaction, so each dead letter is republished once however often the button is pressed, and nothing is deleted:
 * the dead-letter topic keeps them all. A record that needs nothing more is dismissed instead, one by one
 * ({@link DeadLetterDismissals}): it is passed over, never sent.
 */
@Component
public class DeadLetterRepublisher {

    /** Header naming who republished a record from its dead-letter topic. */
    public static final String REPUBLISHED_BY_HEADER = "referrals_republished-by";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Duration timeout;
    private final List<String> deadLetterTopics;
    private final DeadLetterDismissals dismissals;

    @Autowired
    DeadLetterRepublisher(ConsumerFactory<?, ?> consumers, ProducerFactory<?, ?> producers,
            OperationsSettings settings, TopicCatalogue topics, DeadLetterDismissals dismissals) {
        this(consumers.getConfigurationProperties(), producers.getConfigurationProperties(), settings,
                topics.deadLetterTopics(), dismissals);
    }

    DeadLetterRepublisher(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            OperationsSettings settings, List<String> deadLetterTopics, DeadLetterDismissals dismissals) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.republishGroup());
        this.consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "operations-dead-letter-republisher");
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.republishTransactionalId());
        this.producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "operations-dead-letter-republisher");
        this.timeout = settings.lagTimeout();
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        this.dismissals = dismissals;
    }

    /** The dead-letter topics records may be republished from. */
    public List<String> deadLetterTopics() {
        return deadLetterTopics;
    }

    /** What a republishing did: how many records went to each topic, and how many dismissed ones it passed over. */
    public record Republished(Map<String, Integer> to, int dismissedPassedOver) {
    }

    /** What became of a request to dismiss a dead letter; {@code before} is the dismissal found when it was one. */
    public record Dismissal(Outcome outcome, DeadLetterDismissals.Dismissed before) {

        public enum Outcome { DISMISSED, DISMISSED_BEFORE, REPUBLISHED_BEFORE, NO_SUCH_DEAD_LETTER }
    }

    /**
     * Republishes every record on the dead-letter topic neither republished nor dismissed before, up to its last
     * committed record now, and moves past the dismissed ones with them.
     *
     * @param deadLetterTopic one of {@link #deadLetterTopics()}
     * @param operator who asked, written on each record
     */
    public synchronized Republished republish(String deadLetterTopic, String operator) {
        requireDeadLetterTopic(deadLetterTopic);
        return dismissals.lockedOn(deadLetterTopic, () -> republishNotDismissed(deadLetterTopic, operator,
                dismissals.on(List.of(deadLetterTopic))));
    }

    /**
     * Dismisses one dead letter still waiting, for the operator's reason (audited): it is no longer counted as
     * waiting and is never republished. One dismissed or republished before, or no dead letter at all, is left as it
     * is, and the outcome says which.
     */
    public synchronized Dismissal dismiss(DeadLetterPosition position, String operator, String reason) {
        requireDeadLetterTopic(position.topic());
        return dismissals.lockedOn(position.topic(), () -> {
            Optional<DeadLetterDismissals.Dismissed> before = dismissals.of(position);
            if (before.isPresent()) {
                return new Dismissal(Dismissal.Outcome.DISMISSED_BEFORE, before.get());
            }
            Dismissal.Outcome notWaiting = whyNotWaiting(position);
            if (notWaiting != null) {
                return new Dismissal(notWaiting, null);
            }
            dismissals.add(position, operator, reason);
            return new Dismissal(Dismissal.Outcome.DISMISSED, null);
        });
    }

    private void requireDeadLetterTopic(String topic) {
        if (!deadLetterTopics.contains(topic)) {
            throw new IllegalArgumentException("Not a dead-letter topic of the pipeline: " + topic);
        }
    }

    private Republished republishNotDismissed(String deadLetterTopic, String operator,
            Set<DeadLetterPosition> dismissed) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(deadLetterTopic, timeout)) {
                partitions.add(new TopicPartition(deadLetterTopic, partition.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            producer.initTransactions();
            producer.beginTransaction();
            try {
                Map<String, Integer> republished = new TreeMap<>();
                int passedOver = 0;
                long giveUpAt = System.nanoTime() + timeout.toNanos() * 6;
                while (!caughtUp(consumer, ends)) {
                    if (System.nanoTime() > giveUpAt) {
                        throw new KafkaException("The dead-letter topic was not read to its end in time.");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                            continue;
                        }
                        if (dismissed.contains(positionOf(record))) {
                            passedOver++;
                            continue;
                        }
                        String origin = originOf(record);
                        producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                headersOf(record, operator)));
                        republished.merge(origin, 1, Integer::sum);
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> past = new HashMap<>();
                partitions.forEach(partition -> past.put(partition, new OffsetAndMetadata(ends.get(partition))));
                producer.sendOffsetsToTransaction(past, consumer.groupMetadata());
                producer.commitTransaction();
                return new Republished(republished, passedOver);
            }
            catch (KafkaException e) {
                producer.abortTransaction();
                throw e;
            }
        }
    }

    /**
     * Why no dead letter waits at the position ({@code null} when one does): the republishing group has moved past
     * it, or there is no record there (a transaction marker, an offset not yet written, a partition the topic lacks).
     */
    private Dismissal.Outcome whyNotWaiting(DeadLetterPosition position) {
        TopicPartition partition = new TopicPartition(position.topic(), position.partition());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (consumer.partitionsFor(position.topic(), timeout).stream()
                    .noneMatch(info -> info.partition() == position.partition())) {
                return Dismissal.Outcome.NO_SUCH_DEAD_LETTER;
            }
            OffsetAndMetadata republishedTo = consumer.committed(Set.of(partition), timeout).get(partition);
            if (republishedTo != null && position.offset() < republishedTo.offset()) {
                return Dismissal.Outcome.REPUBLISHED_BEFORE;
            }
            return recordAt(consumer, partition, position.offset()) ? null : Dismissal.Outcome.NO_SUCH_DEAD_LETTER;
        }
    }

    private boolean recordAt(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long offset) {
        List<TopicPartition> only = List.of(partition);
        if (offset < consumer.beginningOffsets(only, timeout).get(partition)
                || offset >= consumer.endOffsets(only, timeout).get(partition)) {
            return false;
        }
        consumer.assign(only);
        consumer.seek(partition, offset);
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) <= offset) {
            if (System.nanoTime() > giveUpAt) {
                throw new KafkaException("The dead letter was not read in time.");
            }
            ConsumerRecords<byte[], byte[]> read = consumer.poll(POLL);
            if (!read.isEmpty()) {
                // read committed: the first record at or past the offset, so a later one means none is there
                return read.iterator().next().offset() == offset;
            }
        }
        return false;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static String originOf(ConsumerRecord<byte[], byte[]> record) {
        Header original = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (original != null) {
            return new String(original.value(), StandardCharsets.UTF_8);
        }
        return TopicCatalogue.topicOfDeadLetters(record.topic());
    }

    private static DeadLetterPosition positionOf(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetterPosition(record.topic(), record.partition(), record.offset());
    }

    private static RecordHeaders headersOf(ConsumerRecord<byte[], byte[]> record, String operator) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-")) {
                headers.add(header);
            }
        }
        if (headers.lastHeader(DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER) == null) {
            firstDeadLetteredAt(record).ifPresent(at -> headers.add(DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER,
                    at.getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(REPUBLISHED_BY_HEADER, operator.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Where the record failed, as Spring's dead-letter headers name it: its topic, partition and offset there. */
    private static Optional<String> firstDeadLetteredAt(ConsumerRecord<byte[], byte[]> record) {
        Header topic = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Header partition = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Header offset = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        if (topic == null || partition == null || partition.value().length != Integer.BYTES || offset == null
                || offset.value().length != Long.BYTES) {
            return Optional.empty();
        }
        return Optional.of(new String(topic.value(), StandardCharsets.UTF_8) + "/"
                + ByteBuffer.wrap(partition.value()).getInt() + "/" + ByteBuffer.wrap(offset.value()).getLong());
    }
}
