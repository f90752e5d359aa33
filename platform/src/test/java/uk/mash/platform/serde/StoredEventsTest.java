package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.serde.ReferralTestData.aReferralReceived;

import java.nio.ByteBuffer;

import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralReceived;

class StoredEventsTest {

    @Test
    void storesEventsInAvrosSingleObjectEncodingByteForByte() throws Exception {
        ReferralReceived received = aReferralReceived().build();
        ByteBuffer avros = new BinaryMessageEncoder<ReferralReceived>(SpecificData.getForClass(ReferralReceived.class),
                ReferralReceived.getClassSchema()).encode(received);
        byte[] expected = new byte[avros.remaining()];
        avros.get(expected);

        assertThat(StoredEvents.encode(received)).isEqualTo(expected);
    }

    @Test
    void readsBackTheEventAsStored() {
        byte[] stored = StoredEvents.encode(aReferralReceived().build());

        // compared as stored: Avro's own arrays compare dates of birth without their logical type and never match
        assertThat(StoredEvents.encode(StoredEvents.decode(stored, ReferralReceived.class))).isEqualTo(stored);
    }
}
