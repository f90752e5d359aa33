package uk.mash.harness.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings the harness shares between the pipeline's load and the raw Kafka baseline, so that both are
 * driven and observed the same way. Producers match the services' ({@code referrals-platform.yml}: acks=all,
 * idempotence, linger.ms=10, batch.size=256 KiB); consumers read committed records only, as the services do.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** An agency system publishing submissions: not transactional, acks=all, idempotent. */
    public static Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        return config;
    }

    /** A relay's producer: as {@link #producer} and transactional, like the services' listener producers. */
    public static Map<String, Object> transactionalProducer(String bootstrapServers, String transactionalId) {
        Map<String, Object> config = producer(bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    /** Reads committed records only, from the beginning, committing nothing unless told to. */
    public static Map<String, Object> consumer(String bootstrapServers, String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /**
     * Stops a thread polling {@code consumer} (which must already have been told to stop looping): wakes the consumer
     * out of its poll and waits up to 10 s for the thread to end.
     */
    public static void stopPolling(Consumer<?, ?> consumer, Thread thread) {
        consumer.wakeup();
        try {
            thread.join(10_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
