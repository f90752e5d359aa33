package uk.mash.platform.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import uk.mash.platform.registry.RegisteredSchema;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistryException;

/**
 * Writes generated Avro records in the Confluent wire format, so any Confluent-compatible consumer can read them.
 * The schema is registered under {@code <topic>-value} or {@code <topic>-key}; with
 * {@value #AUTO_REGISTER_SCHEMAS_CONFIG}{@code =false} it must instead already be the subject's latest version, for
 * deployments where contracts are registered by a pipeline rather than by producers.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";

    static {
        GeneratedAvroClasses.trust();
    }

    private final ConcurrentMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> verifiedLatestIds = new ConcurrentHashMap<>();

    private final boolean autoRegisterFixed;

    private volatile SchemaRegistryClient client;
    private volatile boolean isKey;
    private volatile boolean autoRegister = true;

    /** For Kafka and Spring, which create serializers by class name and then call {@link #configure}. */
    public AvroSerializer() {
        this.autoRegisterFixed = false;
    }

    /** Registers schemas unless {@link #configure} is given {@value #AUTO_REGISTER_SCHEMAS_CONFIG}{@code =false}. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.autoRegisterFixed = false;
    }

    /** With {@code autoRegister} fixed: Spring configures serializer instances too, and config must not undo this. */
    public AvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        this.client = Objects.requireNonNull(client, "client");
        this.autoRegister = autoRegister;
        this.autoRegisterFixed = true;
    }

    /**
     * Reads {@value #AUTO_REGISTER_SCHEMAS_CONFIG} (default true) and the {@code schema.registry.*} settings, except
     * where the constructor already gave them.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (!autoRegisterFixed) {
            this.autoRegister = booleanConfig(configs, AUTO_REGISTER_SCHEMAS_CONFIG, true);
        }
        if (client == null) {
            client = WireFormat.clientFrom(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException(
                    "AvroSerializer has no schema registry: call configure(...) or pass a SchemaRegistryClient");
        }
        Schema schema = data.getSchema();
        String subject = WireFormat.subject(topic, isKey);
        int id = schemaId(registry, subject, schema);
        byte[] header = { WireFormat.MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8),
                (byte) id };
        try {
            return BufferedEncoding.write(header, schema, writer(data, schema), data);
        }
        catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write a " + schema.getFullName() + " to topic " + topic
                    + " in Avro: " + WireFormat.describeWithoutContents(e));
        }
    }

    @Override
    public void close() {
        // the registry client is shared between serializers, so it outlives this one
    }

    private int schemaId(SchemaRegistryClient registry, String subject, Schema schema) {
        try {
            if (autoRegister) {
                return registry.register(subject, schema);
            }
            SubjectSchema key = new SubjectSchema(subject, schema);
            Integer verified = verifiedLatestIds.get(key);
            if (verified != null) {
                return verified;
            }
            RegisteredSchema latest = registry.latest(subject).orElseThrow(() -> new SerializationException(
                    "No schema is registered under subject \"" + subject + "\" and " + AUTO_REGISTER_SCHEMAS_CONFIG
                            + " is false, so " + schema.getFullName() + " cannot be written"));
            if (!latest.schema().equals(schema)) {
                throw new SerializationException("The schema of " + schema.getFullName()
                        + " is not the latest version of subject \"" + subject + "\" (version " + latest.version()
                        + ", id " + latest.id() + ") and " + AUTO_REGISTER_SCHEMAS_CONFIG + " is false");
            }
            verifiedLatestIds.putIfAbsent(key, latest.id());
            return latest.id();
        }
        catch (SchemaRegistryException e) {
            throw new SerializationException("Could not get a schema id for " + schema.getFullName() + " under subject \""
                    + subject + "\": " + e.getMessage(), e);
        }
    }

    private DatumWriter<T> writer(T data, Schema schema) {
        return writers.computeIfAbsent(schema,
                s -> new SpecificDatumWriter<>(s, WriterModel.of(data.getClass())));
    }

    private static boolean booleanConfig(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs == null ? null : configs.get(key);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, got: " + text);
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
