package uk.mash.platform.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.util.function.SingletonSupplier;

/**
 * Events kept in a service's own tables, in Avro's single-object encoding (which carries the schema fingerprint).
 * Services keep what they published so that a redelivered record re-sends exactly the same event.
 */
public final class StoredEvents {

    private static final Map<Class<?>, SingleObjectWriter<?>> WRITERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageDecoder<?>> DECODERS = new ConcurrentHashMap<>();
    private static final Supplier<Map<String, List<Schema>>> RELEASED =
            SingletonSupplier.of(ReleasedSchemas::onClasspath);

    static {
        GeneratedAvroClasses.trust();
    }

    private StoredEvents() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> byte[] encode(T event) {
        SingleObjectWriter<T> writer = (SingleObjectWriter<T>) WRITERS.computeIfAbsent(event.getClass(),
                type -> SingleObjectWriter.of(type, event.getSchema()));
        try {
            return BufferedEncoding.write(writer.header(), event.getSchema(), writer.writer(), event);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not encode a " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * The event, whether it was stored under the current schema or a released one: an upgrade must still read what
     * the release before it stored (an outcome waiting for a worker's decision, a routing to re-send).
     */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        BinaryMessageDecoder<T> decoder = (BinaryMessageDecoder<T>) DECODERS.computeIfAbsent(type,
                StoredEvents::decoderOf);
        try {
            return decoder.decode(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not decode a stored " + type.getSimpleName(), e);
        }
    }

    private static <T> BinaryMessageDecoder<T> decoderOf(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), current);
        RELEASED.get().getOrDefault(current.getFullName(), List.of()).forEach(decoder::addSchema);
        return decoder;
    }

    /**
     * Avro's single-object encoding, as {@link BinaryMessageEncoder} writes it (and {@link BinaryMessageDecoder}
     * reads it): the marker C3 01, the schema's CRC-64-AVRO fingerprint little-endian, then the binary encoding.
     */
    private record SingleObjectWriter<T>(byte[] header, DatumWriter<T> writer) {

        static <T> SingleObjectWriter<T> of(Class<?> type, Schema schema) {
            byte[] header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0xC3).put((byte) 0x01)
                    .putLong(SchemaNormalization.parsingFingerprint64(schema))
                    .array();
            return new SingleObjectWriter<>(header, new SpecificDatumWriter<>(schema, WriterModel.of(type)));
        }
    }
}
