package uk.mash.platform.serde;

import java.io.IOException;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;

import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistryException;

/**
 * A Confluent wire-format message that could not be read into its contract's class, read with the schema it was
 * written with instead: a sender whose schema has drifted from the contract can still be named from what it wrote.
 */
public final class AsWritten {

    private AsWritten() {
    }

    /** How far a message could be read. */
    public enum Readable {
        /** Not magic byte 0 and a 4-byte schema id: not the Confluent wire format at all. */
        NOT_WIRE_FORMAT,
        /** The registry holds no schema under the message's id. */
        UNKNOWN_SCHEMA_ID,
        /** The bytes after the header do not decode as the schema under the message's id. */
        NOT_AS_ITS_SCHEMA,
        /** Decoded with the writer's own schema. */
        AS_WRITTEN
    }

    /**
     * @param readable how far the message could be read
     * @param schemaId the writer schema's id, when the message has one
     * @param record the message decoded with its writer's schema, when it could be
     */
    public record Message(Readable readable, Integer schemaId, GenericRecord record) {
    }

    /**
     * Reads {@code data}, consumed from {@code topic}, with the schema its id names.
     *
     * @throws SchemaRegistryException if the registry is unavailable ({@link SchemaRegistryException#isUnavailable()}):
     *     asked again later, it may know the id
     */
    public static Message read(String topic, byte[] data, SchemaRegistryClient registry) {
        int id;
        try {
            id = WireFormat.schemaId(topic, data == null ? new byte[0] : data);
        }
        catch (SerializationException notWireFormat) {
            return new Message(Readable.NOT_WIRE_FORMAT, null, null);
        }
        Schema writer;
        try {
            writer = registry.getById(id);
        }
        catch (SchemaRegistryException e) {
            if (!e.isUnavailable()) {
                return new Message(Readable.UNKNOWN_SCHEMA_ID, id, null);
            }
            throw e;
        }
        if (writer.getType() != Schema.Type.RECORD) {
            return new Message(Readable.NOT_AS_ITS_SCHEMA, id, null);
        }
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(writer).read(null, WireFormat.body(data));
            return new Message(Readable.AS_WRITTEN, id, record);
        }
        catch (IOException | RuntimeException e) {
            return new Message(Readable.NOT_AS_ITS_SCHEMA, id, null);
        }
    }

    /**
     * The text at {@code path} (field names, from the record down), if every field on the way is there and the last
     * holds text.
     */
    public static Optional<String> text(GenericRecord record, String... path) {
        Object value = record;
        for (String field : path) {
            if (!(value instanceof GenericRecord current) || current.getSchema().getField(field) == null) {
                return Optional.empty();
            }
            value = current.get(field);
        }
        return value instanceof CharSequence text ? Optional.of(text.toString()) : Optional.empty();
    }
}
