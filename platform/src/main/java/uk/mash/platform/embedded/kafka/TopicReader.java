package uk.mash.platform.embedded.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import uk.mash.platform.serde.AvroDeserializer;

/**
 * Reads what a topic holds, as a downstream team's consumer would see it (read committed), for tests and the load
 * harness to check what the pipeline published.
 */
public final class TopicReader {

    private static final int QUIET_POLLS = 3;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String registryUrl;

    public TopicReader(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Every committed record on the topic now, read from the start until the topic has been quiet for a while. */
    public <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                deserializer)) {
            return drain(consumer, topic);
        }
    }

    /** The same, without decoding: for dead-letter topics, which hold whatever could not be read. */
    public List<ConsumerRecord<String, byte[]>> readAllBytes(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return drain(consumer, topic);
        }
    }

    private static <T> List<ConsumerRecord<String, T>> drain(KafkaConsumer<String, T> consumer, String topic) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        int quietPolls = 0;
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (quietPolls < QUIET_POLLS && System.nanoTime() < giveUpAt) {
            var batch = consumer.poll(POLL);
            if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                quietPolls++;
            }
            batch.forEach(records::add);
        }
        return records;
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
