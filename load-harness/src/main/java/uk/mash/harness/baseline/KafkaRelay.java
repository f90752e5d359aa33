package uk.mash.harness.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import uk.mash.harness.kafka.KafkaClients;

/**
 * One hop of the baseline: consume-transform-produce with plain Kafka clients, as the services do it but with
 * nothing in between: read committed, and the produced records committed with the consumed offsets in a Kafka
 * transaction, either one per poll (what raw Kafka does best) or one per record (what the services' record listeners
 * do). The bytes go on unchanged, under the same key; a relay with nowhere to send them commits only the offsets it
 * read, in the same transactions, as a listener that produces nothing does.
 */
final class KafkaRelay implements AutoCloseable {

    private final String from;
    private final String to;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final boolean transactionPerRecord;
    private volatile boolean running = true;
    private volatile Instant firstConsumed;
    private volatile RuntimeException failure;

    /** @param to the topic relayed to, or null to read and commit only */
    KafkaRelay(String bootstrapServers, String from, String to, boolean transactionPerRecord) {
        this.from = from;
        this.to = to;
        this.transactionPerRecord = transactionPerRecord;
        String name = "baseline-relay-" + from + "-to-" + (to == null ? "none" : to);
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, name), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(KafkaClients.transactionalProducer(bootstrapServers, name + "-tx"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::relay, name);
    }

    KafkaRelay start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** When this hop first consumed a record; null until it has. */
    Instant firstConsumed() {
        if (failure != null) {
            throw failure;
        }
        return firstConsumed;
    }

    private void relay() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(from));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (firstConsumed == null) {
                    firstConsumed = Instant.now();
                }
                if (transactionPerRecord) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        relayInOneTransaction(List.of(record));
                    }
                }
                else {
                    relayInOneTransaction(records);
                }
            }
        }
        catch (WakeupException stopping) {
            // close() wakes the consumer out of its poll
        }
        catch (RuntimeException e) {
            failure = new IllegalStateException("Baseline relay " + from + " -> " + to + " failed: " + e, e);
        }
        finally {
            consumer.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void relayInOneTransaction(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (to != null) {
                producer.send(new ProducerRecord<>(to, record.key(), record.value()));
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
    }

    @Override
    public void close() {
        running = false;
        KafkaClients.stopPolling(consumer, thread);
    }
}
