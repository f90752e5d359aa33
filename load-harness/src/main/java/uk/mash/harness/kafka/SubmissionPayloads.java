package uk.mash.harness.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.serde.AvroSerializer;

/**
 * Submissions encoded once, in the Confluent wire format with the schema id the registry gave, and sent as bytes:
 * encoding stays out of the measured window, and the raw Kafka baseline can relay exactly the same bytes.
 */
public final class SubmissionPayloads implements AutoCloseable {

    /** One submission ready to send: its Kafka key (the agency reference) and value. */
    public record Payload(String agencyReference, byte[] value) {
    }

    private final AvroSerializer<ReferralSubmitted> serializer = new AvroSerializer<>();
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public SubmissionPayloads(String bootstrapServers, String registryUrl, String topic) {
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
        this.topic = topic;
    }

    public Payload encode(ReferralSubmitted submission) {
        return new Payload(submission.getAgencyReference(), serializer.serialize(topic, submission));
    }

    public List<Payload> encode(long from, long count, LongFunction<ReferralSubmitted> referral) {
        return LongStream.range(from, from + count).mapToObj(n -> encode(referral.apply(n))).toList();
    }

    /** Sends without waiting; {@link #flush} reports a failed send, since that referral would be missing. */
    public void send(String toTopic, Payload payload) {
        producer.send(new ProducerRecord<>(toTopic, payload.agencyReference(), payload.value()), (metadata, e) -> {
            if (e != null) {
                firstFailure.compareAndSet(null, e);
            }
        });
    }

    public void sendAll(String toTopic, List<Payload> payloads) {
        payloads.forEach(payload -> send(toTopic, payload));
        flush();
    }

    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("A submission could not be published: " + failure, failure);
        }
    }

    @Override
    public void close() {
        producer.close();
        serializer.close();
    }
}
