package uk.mash.platform.serde;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;

/**
 * The Confluent wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian int, then the
 * record in Avro binary encoding. Subjects follow Confluent's default TopicNameStrategy.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int ID_SIZE = 4;
    static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("A topic is needed to name the schema subject");
        }
        return topic + (isKey ? "-key" : "-value");
    }

    /** The writer schema's registry id in a message, once its header has been checked. */
    static int schemaId(String topic, byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("Empty message on topic " + topic + ": not in the Confluent wire format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException(
                    "Unknown magic byte " + Byte.toUnsignedInt(magic) + ": not in the Confluent wire format");
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Message on topic " + topic + " is " + data.length
                    + " bytes, too short for the Confluent wire format's " + HEADER_SIZE + "-byte header");
        }
        return buffer.getInt();
    }

    /** The message's record, after its header. */
    static BinaryDecoder body(byte[] data) {
        return DecoderFactory.get().binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, null);
    }

    static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
        return SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(configs));
    }

    /**
     * Only null-pointer messages are passed on: Avro builds them from field names, while its other failures (a value
     * not in a union, not an enum symbol, of the wrong type) print the offending value, which may be a child's details.
     */
    static String describeWithoutContents(Throwable failure) {
        if (failure instanceof NullPointerException && failure.getMessage() != null) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        return failure.getClass().getName();
    }
}
