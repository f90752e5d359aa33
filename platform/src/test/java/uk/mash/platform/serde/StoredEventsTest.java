package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.serde.ReferralTestData.aReferralReceived;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.testing.Outcomes;

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

    @Test
    void readsAnOutcomeStoredUnderTheFirstReleaseAfterAnUpgrade() throws Exception {
        TriageOutcomeIssued outcome = Outcomes.anOutcome(OutcomeType.ALLOCATED_SOCIAL_WORKER).build();
        outcome.setAllocatedCaseId(UUID.randomUUID());
        Schema firstRelease = ReleasedSchemas.onClasspath().get(TriageOutcomeIssued.getClassSchema().getFullName())
                .get(0);
        assertThat(SchemaNormalization.parsingFingerprint64(firstRelease))
                .as("the outcome has changed since the first release")
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(TriageOutcomeIssued.getClassSchema()));
        byte[] storedByTheFirstRelease = storedUnder(firstRelease, outcome);

        TriageOutcomeIssued read = StoredEvents.decode(storedByTheFirstRelease, TriageOutcomeIssued.class);

        assertThat(read.getReferralId()).isEqualTo(outcome.getReferralId());
        assertThat(read.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(read.getAllocatedCaseId()).as("a field added since takes its default").isNull();
    }

    @Test
    void aReleaseIsParsedWhateverTheOrderOfItsFiles() {
        Map<String, Schema> release = ReleasedSchemas.parse("a release", Map.of(
                "A.avsc", "{\"type\": \"record\", \"name\": \"A\", \"fields\": [{\"name\": \"b\", \"type\": \"B\"}]}",
                "B.avsc", "{\"type\": \"record\", \"name\": \"B\", \"fields\": [{\"name\": \"c\", \"type\": \"C\"}]}",
                "C.avsc", "{\"type\": \"enum\", \"name\": \"C\", \"symbols\": [\"X\"]}"));

        assertThat(release).containsOnlyKeys("A", "B", "C");
    }

    /** The event as a service of that release stored it: the fields that release knew, under its fingerprint. */
    private static byte[] storedUnder(Schema release, TriageOutcomeIssued outcome) throws IOException {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(current, null);
        new SpecificDatumWriter<TriageOutcomeIssued>(TriageOutcomeIssued.getClassSchema(),
                SpecificData.getForClass(TriageOutcomeIssued.class)).write(outcome, encoder);
        encoder.flush();
        GenericRecord asReleased = new GenericDatumReader<GenericRecord>(TriageOutcomeIssued.getClassSchema(), release)
                .read(null, DecoderFactory.get().binaryDecoder(current.toByteArray(), null));
        ByteBuffer stored = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), release).encode(asReleased);
        byte[] bytes = new byte[stored.remaining()];
        stored.get(bytes);
        return bytes;
    }
}
