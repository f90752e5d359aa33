package uk.mash.platform.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Events kept in a service's own tables, in Avro's single-object encoding (which carries the schema fingerprint).
 * Services keep what they published so that a redelivered record re-sends exactly the same event.
 */
public final class StoredEvents {

    private static final Map<Class<?>, BinaryMessageEncoder<?>> ENCODERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageDecoder<?>> DECODERS = new ConcurrentHashMap<>();

    static {
        GeneratedAvroClasses.trust();
    }

    private StoredEvents() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> byte[] encode(T event) {
        BinaryMessageEncoder<T> encoder = (BinaryMessageEncoder<T>) ENCODERS.computeIfAbsent(event.getClass(),
                type -> new BinaryMessageEncoder<>(SpecificData.getForClass(type), event.getSchema()));
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not encode a " + event.getClass().getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        BinaryMessageDecoder<T> decoder = (BinaryMessageDecoder<T>) DECODERS.computeIfAbsent(type,
                t -> new BinaryMessageDecoder<>(SpecificData.getForClass(t), SpecificData.get().getSchema(t)));
        try {
            return decoder.decode(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not decode a stored " + type.getSimpleName(), e);
        }
    }
}
