package uk.mash.platform.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import uk.mash.platform.registry.SchemaRegistryClient;

/**
 * Reads Confluent wire-format messages into the generated class named like the writer's schema. The writer schema
 * comes from the registry by the id in the message and the generated class's schema is the reader schema, so
 * messages written with an earlier or later compatible version of a contract still decode.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        GeneratedAvroClasses.trust();
    }

    private final ReadersBySchemaId<T> readers = new ReadersBySchemaId<>("AvroDeserializer", this::newReader);

    /**
     * Setting that refuses a message whose writer's schema has fields the reader's does not know
     * ({@link UnknownFields}), rather than reading it without them: for a service reading what agency systems send,
     * where a misnamed field is a statement the MASH would never hear. Off by default, so that one service may read
     * what a newer version of another writes.
     */
    public static final String REFUSE_UNKNOWN_FIELDS = "avro.reader.refuse-unknown-fields";

    private volatile SchemaRegistryClient client;
    private volatile boolean refuseUnknownFields;

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
        refuseUnknownFields = Boolean.parseBoolean(String.valueOf(configs.get(REFUSE_UNKNOWN_FIELDS)));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : readers.read(client, topic, data);
    }

    @Override
    public void close() {
        // the registry client is shared between deserializers, so it outlives this one
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
        Schema reader = model.getSchema(type);
        if (refuseUnknownFields) {
            List<String> unknown = UnknownFields.of(writer, reader);
            if (!unknown.isEmpty()) {
                throw new SerializationException("Writer schema id " + id + " has fields " + type.getSimpleName()
                        + " does not know, which would be dropped: " + String.join(", ", unknown));
            }
        }
        return ReadersBySchemaId.fastReader(model, writer, reader, id, type.getName());
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
