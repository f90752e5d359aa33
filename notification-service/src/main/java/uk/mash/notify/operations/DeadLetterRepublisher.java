package uk.mash.notify.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import uk.mash.platform.topics.TopicCatalogue;

/**
 * Republishes what waits on a dead-letter topic to the topic it came from, once whatever made it fail is put right
 * (the routing table, the case registry, a fixed release): the same key and bytes, its own headers without the
 * dead-letter ones, and who republished it. The records go out and the dead-letter topic's position
 * ({@code referrals.operations.republish-group}) moves past them in one Kafka transaction, so each dead letter is
 * republished once however often the button is pressed, and nothing is deleted: the dead-letter topic keeps them all.
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

    @Autowired
    DeadLetterRepublisher(ConsumerFactory<?, ?> consumers, ProducerFactory<?, ?> producers,
            OperationsSettings settings, TopicCatalogue topics) {
        this(consumers.getConfigurationProperties(), producers.getConfigurationProperties(), settings,
                topics.deadLetterTopics());
    }

    DeadLetterRepublisher(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            OperationsSettings settings, List<String> deadLetterTopics) {
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
    }

    /** The dead-letter topics records may be republished from. */
    public List<String> deadLetterTopics() {
        return deadLetterTopics;
    }

    /**
     * Republishes every record on the dead-letter topic not republished before, up to its last committed record now.
     *
     * @param deadLetterTopic one of {@link #deadLetterTopics()}
     * @param operator who asked, written on each record
     * @return how many went to each topic
     */
    public synchronized Map<String, Integer> republish(String deadLetterTopic, String operator) {
        if (!deadLetterTopics.contains(deadLetterTopic)) {
            throw new IllegalArgumentException("Not a dead-letter topic of the pipeline: " + deadLetterTopic);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
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
                Map<TopicPartition, OffsetAndMetadata> past = new HashMap<>();
                long giveUpAt = System.nanoTime() + timeout.toNanos() * 6;
                while (!caughtUp(consumer, ends)) {
                    if (System.nanoTime() > giveUpAt) {
                        throw new KafkaException("The dead-letter topic was not read to its end in time.");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= ends.get(partition)) {
                            continue;
                        }
                        String origin = originOf(record);
                        producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                headersOf(record, operator)));
                        republished.merge(origin, 1, Integer::sum);
                        past.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                partitions.forEach(partition -> past.put(partition, new OffsetAndMetadata(ends.get(partition))));
                producer.sendOffsetsToTransaction(past, consumer.groupMetadata());
                producer.commitTransaction();
                return republished;
            }
            catch (KafkaException e) {
                producer.abortTransaction();
                throw e;
            }
        }
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

    private static RecordHeaders headersOf(ConsumerRecord<byte[], byte[]> record, String operator) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-")) {
                headers.add(header);
            }
        }
        headers.add(REPUBLISHED_BY_HEADER, operator.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
