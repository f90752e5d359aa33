package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.serde.ReferralTestData.aChild;
import static uk.mash.platform.serde.ReferralTestData.aParent;
import static uk.mash.platform.serde.ReferralTestData.aReferralReceived;
import static uk.mash.platform.serde.ReferralTestData.aReferralSubmitted;
import static uk.mash.platform.serde.ReferralTestData.aReferrer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import uk.mash.events.Child;
import uk.mash.events.Person;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;

class WriterModelTest {

    @Test
    void writesAvrosOwnBytesWhenEveryOptionalFieldIsSet() throws IOException {
        ReferralSubmitted referral = aReferralSubmitted()
                .setChild(aChild().setExpectedDueDate(LocalDate.of(2016, 6, 1)).setGender("not known")
                        .setNhsNumber("9434765919").setEthnicity("not stated").setFirstLanguage("English")
                        .setCurrentLocation("at school").build())
                .setParentsOrCarers(List.of(aParent().setPhone("01632 960000").build()))
                .setReferrer(aReferrer().setEmail("dsl@example.org").setPhone("01632 960001").build())
                .setImpactOnChild("Fictional impact").setParentsInformed(true).setChildViews("Fictional views")
                .setGillickCompetent(false).setSupportAlreadyProvided("Fictional support")
                .setStrengthsAndResilience("Fictional strengths").setDesiredOutcome("Fictional outcome")
                .build();

        assertWrittenAsAvroWritesIt(aReferralReceived().setReferral(referral).build());
    }

    @Test
    void writesAvrosOwnBytesWhenEveryOptionalFieldIsEmpty() throws IOException {
        Child unknown = Child.newBuilder().setDisabilities(List.of()).build();
        Person carer = Person.newBuilder().setName("Sam Example").setRelationship("carer").build();
        ReferralSubmitted referral = aReferralSubmitted().setChild(unknown).setParentsOrCarers(List.of(carer))
                .setReferrer(aReferrer().setAgencyName(null).setRole(null).setName(null).build())
                .build();

        assertWrittenAsAvroWritesIt(aReferralReceived().setReferral(referral).build());
    }

    @Test
    void leavesAUnionOfMoreThanNullAndOneTypeToAvro() {
        Schema union = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING),
                Schema.create(Schema.Type.INT));
        SpecificData model = WriterModel.of(ReferralReceived.class);

        assertThat(model.resolveUnion(union, null)).isZero();
        assertThat(model.resolveUnion(union, "text")).isEqualTo(1);
        assertThat(model.resolveUnion(union, 7)).isEqualTo(2);
    }

    private static void assertWrittenAsAvroWritesIt(ReferralReceived received) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<>(ReferralReceived.getClassSchema(), SpecificData.getForClass(ReferralReceived.class))
                .write(received, encoder);
        encoder.flush();

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        encoder = EncoderFactory.get().binaryEncoder(written, null);
        new SpecificDatumWriter<>(ReferralReceived.getClassSchema(), WriterModel.of(ReferralReceived.class))
                .write(received, encoder);
        encoder.flush();

        assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
