package uk.mash.platform.serde;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.FastReaderBuilder;
import org.apache.kafka.common.errors.SerializationException;

import uk.mash.platform.registry.SchemaIncompatibilities;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistryException;

/**
 * How {@link AvroDeserializer} and {@link AvroProjection} read a Confluent wire-format message: the writer schema's
 * id from its header, the writer schema from the registry the first time that id is seen, a reader made for it once,
 * and failures as {@link SerializationException}s that never quote the message's contents.
 *
 * @param <D> what the readers read into
 */
final class ReadersBySchemaId<D> {

    private final String owner;
    private final BiFunction<Schema, Integer, DatumReader<D>> newReader;
    private final ConcurrentMap<Integer, DatumReader<D>> readers = new ConcurrentHashMap<>();

    /**
     * @param owner the deserializer, as an error about its missing registry names it
     * @param newReader the reader of data written with a writer schema (and its id) into what the owner reads
     */
    ReadersBySchemaId(String owner, BiFunction<Schema, Integer, DatumReader<D>> newReader) {
        this.owner = owner;
        this.newReader = newReader;
    }

    D read(SchemaRegistryClient registry, String topic, byte[] data) {
        if (registry == null) {
            throw new IllegalStateException(
                    owner + " has no schema registry: call configure(...) or pass a SchemaRegistryClient");
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<D> reader = reader(registry, id, topic);
        try {
            return reader.read(null, WireFormat.body(data));
        }
        catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not read a message with schema id " + id + " from topic " + topic
                    + " in Avro: " + WireFormat.describeWithoutContents(e));
        }
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
            // grammar for every record; Avro only picks it itself for its stock models, not AvroDeserializer's
            return new FastReaderBuilder(model).createDatumReader(writer, reader);
        }
        catch (IOException e) {
            throw new SerializationException("Could not prepare a reader for writer schema id " + id + " as "
                    + readAs + ": " + WireFormat.describeWithoutContents(e));
        }
    }

    // not computeIfAbsent: the registry is asked over HTTP, which must not hold the map's lock
    private DatumReader<D> reader(SchemaRegistryClient registry, int id, String topic) {
        DatumReader<D> cached = readers.get(id);
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
        DatumReader<D> reader = newReader.apply(writer, id);
        DatumReader<D> raced = readers.putIfAbsent(id, reader);
        return raced == null ? reader : raced;
    }
}
