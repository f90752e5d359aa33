package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.mash.platform.serde.ReferralTestData.aReferralReceived;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralReceived;

class BufferedEncodingTest {

    private static final byte[] STORED_HEADER = { (byte) 0xC3, 0x01 };
    private static final byte[] WIRE_HEADER = { 0, 0, 0, 0, 7 };
    private static final Schema SCHEMA = ReferralReceived.getClassSchema();

    private final CountingWriter writer = new CountingWriter();

    @Test
    void anEventStoredAndThenSentIsEncodedOnceWithEachItsOwnHeader() throws IOException {
        ReferralReceived received = aReferralReceived().build();

        byte[] stored = BufferedEncoding.write(STORED_HEADER, SCHEMA, writer, received);
        byte[] sent = BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, received);

        assertThat(writer.writes).hasValue(1);
        assertThat(Arrays.copyOf(stored, STORED_HEADER.length)).isEqualTo(STORED_HEADER);
        assertThat(Arrays.copyOf(sent, WIRE_HEADER.length)).isEqualTo(WIRE_HEADER);
        assertThat(Arrays.copyOfRange(stored, STORED_HEADER.length, stored.length))
                .isEqualTo(Arrays.copyOfRange(sent, WIRE_HEADER.length, sent.length));
    }

    @Test
    void anEqualEventThatIsAnotherObjectIsEncodedAgain() throws IOException {
        BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, aReferralReceived().build());
        BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, aReferralReceived().build());

        assertThat(writer.writes).hasValue(2);
    }

    @Test
    void anEventIsRememberedWhileTheThreadWritesAFewOthers() throws IOException {
        ReferralReceived outcome = aReferralReceived().build();
        BufferedEncoding.write(STORED_HEADER, SCHEMA, writer, outcome);
        BufferedEncoding.write(STORED_HEADER, SCHEMA, writer, aReferralReceived().build());
        BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, outcome);

        assertThat(writer.writes).hasValue(2);
    }

    @Test
    void aWriteThatFailedHalfWayLeavesNothingInTheNext() throws IOException {
        ReferralReceived received = aReferralReceived().build();
        byte[] alone = BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, received);
        DatumWriter<ReferralReceived> failing = new DatumWriter<>() {
            @Override
            public void setSchema(Schema schema) {
            }

            @Override
            public void write(ReferralReceived datum, Encoder out) throws IOException {
                out.writeString("half an event");
                throw new IOException("fails half way");
            }
        };

        assertThatThrownBy(() -> BufferedEncoding.write(WIRE_HEADER, SCHEMA, failing, aReferralReceived().build()))
                .isInstanceOf(IOException.class);
        byte[] after = BufferedEncoding.write(WIRE_HEADER, SCHEMA, writer, aReferralReceived().build());

        assertThat(after).isEqualTo(alone);
    }

    private static final class CountingWriter implements DatumWriter<ReferralReceived> {

        private final DatumWriter<ReferralReceived> avro = new SpecificDatumWriter<>(SCHEMA);
        private final AtomicInteger writes = new AtomicInteger();

        @Override
        public void setSchema(Schema schema) {
            avro.setSchema(schema);
        }

        @Override
        public void write(ReferralReceived datum, Encoder out) throws IOException {
            writes.incrementAndGet();
            avro.write(datum, out);
        }
    }
}
