package uk.mash.platform.serde;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.FastReaderBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import uk.mash.platform.registry.SchemaIncompatibilities;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistryException;

/**
 * Reads Confluent wire-format messages into the generated class named like the writer's schema. The writer schema
 * comes from the registry by the id in the message and the generated class's schema is the reader schema, so
 * messages written with an earlier or later compatible version of a contract still decode.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        GeneratedAvroClasses.trust();
    }

    private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    private volatile SchemaRegistryClient client;

    /** For Kafka and Spring, which create deserializers by class name and then call {@link #configure}. */
    public AvroDeserializer() {
    }

    public AvroDeserializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Reads the {@code schema.registry.*} settings, unless a client was given to the constructor. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = WireFormat.clientFrom(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException(
                    "AvroDeserializer has no schema registry: call configure(...) or pass a SchemaRegistryClient");
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = reader(registry, id, topic);
        try {
            return reader.read(null, WireFormat.body(data));
        }
        catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not read a message with schema id " + id + " from topic " + topic
                    + " in Avro: " + WireFormat.describeWithoutContents(e));
        }
    }

    @Override
    public void close() {
        // the registry client is shared between deserializers, so it outlives this one
    }

    private DatumReader<T> reader(SchemaRegistryClient registry, int id, String topic) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.getById(id);
        }
        catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "Could not fetch writer schema id " + id + " for a message on topic " + topic + ": "
                            + e.getMessage(), e);
        }
        DatumReader<T> reader = newReader(writer, id);
        DatumReader<T> raced = readers.putIfAbsent(id, reader);
        return raced == null ? reader : raced;
    }

    private DatumReader<T> newReader(Schema writer, int id) {
        if (writer.getType() != Schema.Type.RECORD) {
            throw new SerializationException("Writer schema id " + id + " is a " + writer.getType()
                    + ", not a record: only generated Avro records are read");
        }
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated Avro class " + writer.getFullName()
                    + " is on the classpath to read writer schema id " + id);
        }
        SpecificData model = ReaderModel.of(type);
        return fastReader(model, writer, model.getSchema(type), id, type.getName());
    }

    /**
     * A reader of data written with {@code writer} into {@code reader}'s fields, refused up front if the two are not
     * compatible because Avro's decode-time errors are less clear and may not name the field.
     */
    static <T> DatumReader<T> fastReader(GenericData model, Schema writer, Schema reader, int id, String readAs) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Writer schema id " + id + " cannot be read as " + readAs + ": "
                    + SchemaIncompatibilities.describe(compatibility));
        }
        try {
            // Avro's fast reader works out each field's reading once per schema pair instead of walking a resolving
            // grammar for every record; Avro only picks it itself for its stock models, not one like ReaderModel
            return new FastReaderBuilder(model).createDatumReader(writer, reader);
        }
        catch (IOException e) {
            throw new SerializationException("Could not prepare a reader for writer schema id " + id + " as "
                    + readAs + ": " + WireFormat.describeWithoutContents(e));
        }
    }

    /**
     * The generated class's model, with its logical-type conversions (Instant, LocalDate, UUID), except that arrays
     * are read into plain lists. Avro's own array type compares elements without those conversions, so a decoded
     * record holding, say, people with dates of birth would never equal the same record built in code.
     */
    private static final class ReaderModel extends SpecificData {

        private ReaderModel(ClassLoader classLoader) {
            super(classLoader);
        }

        static SpecificData of(Class<?> type) {
            ReaderModel model = new ReaderModel(type.getClassLoader());
            SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
            return model;
        }

        @Override
        public Object newArray(Object old, int size, Schema schema) {
            // never reused: records are always read fresh, and a list from elsewhere may be immutable
            return new ArrayList<>(size);
        }

        /**
         * New records start with an empty list in each array field: the fast reader fills a list it is given and
         * makes one of Avro's own arrays only when it has none.
         */
        @Override
        public InstanceSupplier getNewRecordSupplier(Schema schema) {
            InstanceSupplier created = super.getNewRecordSupplier(schema);
            int[] arrayFields = schema.getFields().stream()
                    .filter(field -> holdsArray(field.schema()))
                    .mapToInt(Schema.Field::pos)
                    .toArray();
            if (arrayFields.length == 0) {
                return created;
            }
            return (old, recordSchema) -> {
                IndexedRecord record = (IndexedRecord) created.newInstance(old, recordSchema);
                for (int pos : arrayFields) {
                    record.put(pos, new ArrayList<>());
                }
                return record;
            };
        }

        private static boolean holdsArray(Schema schema) {
            return schema.getType() == Schema.Type.ARRAY || schema.isUnion()
                    && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.ARRAY);
        }
    }
}
