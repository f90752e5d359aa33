package uk.mash.platform.serde;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import uk.mash.platform.registry.SchemaRegistryClient;

/**
 * Reads a few fields of Confluent wire-format messages and skips the rest unread, for a consumer that needs little of
 * a large event: Avro then neither decodes nor keeps the child's details it would otherwise read into a generated
 * record. The reader schema is the generated class's, cut down to the fields named, so what is kept resolves against
 * the writer's schema as {@link AvroDeserializer} resolves the whole record, logical types included. Each record
 * keeps the message it was read from ({@link ProjectedRecord}), so that a record the listener fails on is
 * dead-lettered whole.
 */
public class AvroProjection implements Deserializer<GenericRecord> {

    private final Schema projection;
    private final GenericData model = new GenericData();
    private final ReadersBySchemaId<GenericRecord> readers;
    private volatile SchemaRegistryClient client;

    /**
     * @param type the generated class of the event the messages carry
     * @param fields the fields to read, a nested one by its path ({@code referral.agencyReference})
     */
    public AvroProjection(SchemaRegistryClient client, Class<? extends SpecificRecord> type, String... fields) {
        this(type, fields);
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * For a subclass naming its event and fields, which Kafka or Spring creates by class name and then
     * {@link #configure}s from the consumer's {@code schema.registry.*} settings.
     */
    protected AvroProjection(Class<? extends SpecificRecord> type, String... fields) {
        SpecificData generated = SpecificData.getForClass(type);
        this.projection = cutDown(generated.getSchema(type), List.of(fields));
        generated.getConversions().forEach(model::addLogicalTypeConversion);
        this.readers = new ReadersBySchemaId<>("AvroProjection", (writer, id) -> ReadersBySchemaId.fastReader(model,
                writer, projection, id, "a projection of " + projection.getFullName()));
    }

    /** Reads the {@code schema.registry.*} settings, unless a client was given to the constructor. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = WireFormat.clientFrom(configs);
        }
    }

    /** The reader schema: {@code record} with only the fields named, in its own order. */
    private static Schema cutDown(Schema record, Collection<String> paths) {
        Map<String, List<String>> nestedByField = new LinkedHashMap<>();
        for (String path : paths) {
            int dot = path.indexOf('.');
            List<String> nested = nestedByField.computeIfAbsent(dot < 0 ? path : path.substring(0, dot),
                    field -> new ArrayList<>());
            if (dot >= 0) {
                nested.add(path.substring(dot + 1));
            }
        }
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            List<String> nested = nestedByField.remove(field.name());
            if (nested != null) {
                kept.add(new Schema.Field(field, nested.isEmpty() ? field.schema() : cutDownRecords(field, nested)));
            }
        }
        if (!nestedByField.isEmpty()) {
            throw new IllegalArgumentException(record.getFullName() + " has no field " + nestedByField.keySet());
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), kept);
    }

    private static Schema cutDownRecords(Schema.Field field, List<String> nested) {
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.RECORD) {
            return cutDown(schema, nested);
        }
        if (schema.isUnion() && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.RECORD)) {
            return Schema.createUnion(schema.getTypes().stream()
                    .map(branch -> branch.getType() == Schema.Type.RECORD ? cutDown(branch, nested) : branch)
                    .toList());
        }
        throw new IllegalArgumentException("Field " + field.name() + " is a " + schema.getType() + ", not a record");
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        return data == null ? null
                : new ProjectedRecord((GenericData.Record) readers.read(client, topic, data), data);
    }

    @Override
    public void close() {
        // the registry client is shared between deserializers, so it outlives this one
    }

    /** The fields read, with the message they were read from. */
    public static final class ProjectedRecord extends GenericData.Record {

        private final byte[] message;

        ProjectedRecord(GenericData.Record fields, byte[] message) {
            super(fields, false);
            this.message = message;
        }

        /** The whole event as consumed, in the Confluent wire format; not to be changed. */
        public byte[] message() {
            return message;
        }
    }
}
