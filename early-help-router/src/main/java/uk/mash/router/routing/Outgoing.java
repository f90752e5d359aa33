package uk.mash.router.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.platform.kafka.DeadLetterPublisher;

/**
 * One record a routing sends: a routed or withdrawn case, a case registry change, or the outcome itself
 * dead-lettered.
 *
 * @param unrouted why the outcome is dead-lettered; null for every other record
 */
record Outgoing(String topic, String key, SpecificRecord value, Unrouted unrouted) {

    static Outgoing of(String topic, String key, SpecificRecord value) {
        return new Outgoing(topic, key, value, null);
    }

    /**
     * Where the dead-lettered outcome came from and why it has no queue. The headers are Spring Kafka's dead-letter
     * headers, so tools that read the platform's other dead-letter topics read these too.
     */
    record Unrouted(UnroutableReason reason, String detail, String sourceTopic, int partition, long offset) {
    }

    ProducerRecord<String, Object> toProducerRecord() {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        if (unrouted != null) {
            record.headers()
                    .add(DeadLetterPublisher.UNROUTABLE_REASON_HEADER, bytes(unrouted.reason().name()))
                    .add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes("Unroutable: " + unrouted.detail()))
                    .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(unrouted.sourceTopic()))
                    .add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                            ByteBuffer.allocate(Integer.BYTES).putInt(unrouted.partition()).array())
                    .add(KafkaHeaders.DLT_ORIGINAL_OFFSET,
                            ByteBuffer.allocate(Long.BYTES).putLong(unrouted.offset()).array());
        }
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
