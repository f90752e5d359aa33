package uk.mash.platform.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary after a header (the wire format's, or the single-object encoding's), written through one buffered
 * encoder per thread, reused: writing byte by byte to the output (Avro's direct encoder, and its message encoder)
 * cost more than the encoding itself.
 * <p>
 * Each thread also remembers the last few events it wrote, by identity and schema. A service stores an event in its
 * table and sends the same event object to Kafka, so the second writing takes the first's binary instead of encoding
 * the event again (encoding was the largest single cost in a profile of the pipeline). That relies on what every
 * service already does, and what re-sending a stored event exactly needs: an event is not changed once written.
 */
final class BufferedEncoding {

    /** Referral events are 1-2 KB: room for most without growing the buffer. */
    private static final int INITIAL_BUFFER = 2048;

    /** What one referral's handling stores and sends: an outcome and its task, or a routed case and its changes. */
    private static final int REMEMBERED = 4;

    private static final ThreadLocal<ThreadEncoding> THREADS = ThreadLocal.withInitial(ThreadEncoding::new);

    private BufferedEncoding() {
    }

    static <T> byte[] write(byte[] header, Schema schema, DatumWriter<T> writer, T datum) throws IOException {
        byte[] body = THREADS.get().body(schema, writer, datum);
        byte[] written = new byte[header.length + body.length];
        System.arraycopy(header, 0, written, 0, header.length);
        System.arraycopy(body, 0, written, header.length, body.length);
        return written;
    }

    private static final class ThreadEncoding {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER);
        private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        private final Object[] data = new Object[REMEMBERED];
        private final Schema[] schemas = new Schema[REMEMBERED];
        private final byte[][] bodies = new byte[REMEMBERED][];
        private int next;

        <T> byte[] body(Schema schema, DatumWriter<T> writer, T datum) throws IOException {
            for (int i = 0; i < REMEMBERED; i++) {
                if (data[i] == datum && schemas[i] == schema) {
                    return bodies[i];
                }
            }
            out.reset();
            try {
                writer.write(datum, encoder);
            }
            finally {
                // a failed write must not leave its half in the buffer for the next one
                encoder.flush();
            }
            byte[] body = out.toByteArray();
            data[next] = datum;
            schemas[next] = schema;
            bodies[next] = body;
            next = (next + 1) % REMEMBERED;
            return body;
        }
    }
}
