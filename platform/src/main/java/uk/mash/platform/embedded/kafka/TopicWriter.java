package uk.mash.platform.embedded.kafka;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import uk.mash.platform.serde.AvroSerializer;

/**
 * Publishes as an agency system or a neighbouring service would (Avro in the Confluent wire format, schema from the
 * registry), for tests to put records where the pipeline reads them. {@link TopicReader}'s counterpart.
 */
public final class TopicWriter {

    private final String bootstrapServers;
    private final String registryUrl;

    public TopicWriter(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Records on a topic in the order given, each under the key its owner would give it; returns once all are acked. */
    public <T extends SpecificRecord> void publish(String topic, List<T> values, Function<? super T, String> keyOf) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                serializer)) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic, keyOf.apply(value), value));
            }
            producer.flush();
        }
    }

    /** Bytes that need not be a record at all, as a broken agency system might publish them. */
    public void publishBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    // one request in flight keeps records in the order given even across a retry, which tests of versions rely on
    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }
}
