package uk.mash.platform.serde;

import java.util.Map;

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
