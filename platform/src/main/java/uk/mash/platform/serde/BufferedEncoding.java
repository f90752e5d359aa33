package uk.mash.platform.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary after a header (the wire format's, or the single-object encoding's), written through one buffered
 * encoder per thread, reused: writing byte by byte to the output (Avro's direct encoder, and its message encoder)
 * cost more than the encoding itself.
 */
final class BufferedEncoding {

    /** Referral events are 1-2 KB: room for most without growing the buffer. */
    private static final int INITIAL_BUFFER = 2048;
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    private BufferedEncoding() {
    }

    static <T> byte[] write(byte[] header, DatumWriter<T> writer, T datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
        ENCODERS.set(encoder);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
