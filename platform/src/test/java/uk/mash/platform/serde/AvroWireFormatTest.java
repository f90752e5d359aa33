package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.testing.RegistryOverPostgres;

/**
 * The bytes on the wire are Confluent's format (magic byte 0, big-endian schema id, Avro binary) and nothing else,
 * checked against Avro's own encoder and against messages assembled by hand from the published description.
 */
class AvroWireFormatTest {

    private static RegistryOverPostgres registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = RegistryOverPostgres.start();
        client = new SchemaRegistryClient(SchemaRegistrySettings.of(registry.baseUrl()));
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aSerializedReferralIsMagicByteZeroThenTheSchemaIdThenAvrosOwnBinaryEncoding() throws IOException {
        ReferralSubmitted referral = ReferralTestData.aReferralSubmitted().build();

        byte[] message = new AvroSerializer<ReferralSubmitted>(client).serialize("wire.submitted", referral);

        int registeredId = client.latest("wire.submitted-value").orElseThrow().id();
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new SpecificDatumWriter<>(ReferralSubmitted.class).write(referral, encoder);
        encoder.flush();
        assertThat(message[0]).isZero();
        assertThat(ByteBuffer.wrap(message, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(Arrays.copyOfRange(message, 5, message.length)).isEqualTo(avro.toByteArray());
    }

    @Test
    void aMessageAssembledByHandFromTheWireFormatDescriptionDecodesToTheEqualRecord() throws IOException {
        Schema schema = Person.getClassSchema();
        int id = client.register("wire.people-value", schema);
        Schema addressSchema = schema.getField("address").schema().getTypes().get(1);
        GenericRecord address = new GenericData.Record(addressSchema);
        address.put("lines", List.of("1 Example Street"));
        address.put("town", "Peterborough");
        address.put("postcode", "PE1 1AA");
        GenericRecord person = new GenericData.Record(schema);
        person.put("name", "Sam Example");
        person.put("relationship", "mother");
        person.put("dateOfBirth", (int) LocalDate.of(1988, 11, 30).toEpochDay());
        person.put("address", address);
        person.put("phone", null);
        person.put("hasParentalResponsibility", true);

        byte[] message = wireFormat(id, schema, person);
        Person decoded = new AvroDeserializer<Person>(client).deserialize("wire.people", message);

        assertThat(decoded).isEqualTo(ReferralTestData.aParent().build());
        assertThat(decoded.getDateOfBirth()).isEqualTo(LocalDate.of(1988, 11, 30));
    }

    @Test
    void aMessageWithAnUnknownMagicByteIsRefused() {
        byte[] message = {1, 0, 0, 0, 1, 2, 'x'};

        assertThatThrownBy(() -> new AvroDeserializer<Person>(client).deserialize("wire.people", message))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 1: not in the Confluent wire format");
    }

    @Test
    void aMessageShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> new AvroDeserializer<Person>(client).deserialize("wire.people", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short for the Confluent wire format");
    }

    @Test
    void dataWrittenWithAnOlderSchemaDecodesIntoTheCurrentClassWithDefaultsFilledIn() throws IOException {
        // an earlier Referrer: no agency name, email, phone or anonymous flag yet
        Schema older = new Schema.Parser().parse("""
                {"type": "record", "name": "Referrer", "namespace": "uk.mash.events", "fields": [
                  {"name": "agencyCode", "type": "string"},
                  {"name": "kind", "type": {"type": "enum", "name": "ReferrerKind",
                                            "symbols": ["PROFESSIONAL", "MEMBER_OF_PUBLIC"]}},
                  {"name": "role", "type": ["null", "string"], "default": null},
                  {"name": "name", "type": ["null", "string"], "default": null}
                ]}""");
        int id = client.register("wire.referrers-value", older);
        GenericRecord written = new GenericData.Record(older);
        written.put("agencyCode", "GP-0002");
        written.put("kind", new GenericData.EnumSymbol(older.getField("kind").schema(), "MEMBER_OF_PUBLIC"));
        written.put("role", null);
        written.put("name", "A Neighbour");

        Referrer decoded = new AvroDeserializer<Referrer>(client)
                .deserialize("wire.referrers", wireFormat(id, older, written));

        assertThat(decoded.getAgencyCode()).isEqualTo("GP-0002");
        assertThat(decoded.getKind()).isEqualTo(ReferrerKind.MEMBER_OF_PUBLIC);
        assertThat(decoded.getName()).isEqualTo("A Neighbour");
        assertThat(decoded.getAgencyName()).isNull();
        assertThat(decoded.getEmail()).isNull();
        assertThat(decoded.getAnonymous()).isFalse();
    }

    @Test
    void dataWrittenWithANewerSchemaDecodesIntoTheCurrentClassIgnoringTheNewField() throws IOException {
        // a later Address with a property reference this build does not know yet
        Schema newer = new Schema.Parser().parse("""
                {"type": "record", "name": "Address", "namespace": "uk.mash.events", "fields": [
                  {"name": "lines", "type": {"type": "array", "items": "string"}, "default": []},
                  {"name": "town", "type": ["null", "string"], "default": null},
                  {"name": "postcode", "type": "string"},
                  {"name": "uprn", "type": ["null", "long"], "default": null}
                ]}""");
        int id = client.register("wire.addresses-newer-value", newer);
        GenericRecord written = new GenericData.Record(newer);
        written.put("lines", List.of("1 Example Street"));
        written.put("town", "Peterborough");
        written.put("postcode", "PE1 1AA");
        written.put("uprn", 100090000001L);

        Address decoded = new AvroDeserializer<Address>(client)
                .deserialize("wire.addresses-newer", wireFormat(id, newer, written));

        assertThat(decoded).isEqualTo(ReferralTestData.anAddress().build());
    }

    @Test
    void dataWrittenWithAnIncompatibleSchemaIsRefusedNamingTheProblem() throws IOException {
        Schema incompatible = new Schema.Parser().parse("""
                {"type": "record", "name": "Address", "namespace": "uk.mash.events", "fields": [
                  {"name": "postcode", "type": "int"}
                ]}""");
        int id = client.register("wire.addresses-incompatible-value", incompatible);
        GenericRecord written = new GenericData.Record(incompatible);
        written.put("postcode", 1234);
        byte[] message = wireFormat(id, incompatible, written);

        assertThatThrownBy(() -> new AvroDeserializer<Address>(client)
                .deserialize("wire.addresses-incompatible", message))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id + " cannot be read as uk.mash.events.Address")
                .hasMessageContaining("postcode")
                .hasMessageNotContaining("1234");
    }

    @Test
    void aRecordAvroCannotEncodeIsRefusedWithoutItsContentsInTheMessage() {
        Child child = ReferralTestData.aChild().build();
        // a raw list smuggles a number where the contract wants strings, as a bug elsewhere might
        @SuppressWarnings({ "rawtypes", "unchecked" })
        List<String> wrong = (List) List.of(9434765919L);
        child.setDisabilities(wrong);

        assertThatThrownBy(() -> new AvroSerializer<Child>(client).serialize("wire.children", child))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("uk.mash.events.Child")
                .hasMessageNotContaining("9434765919")
                .hasMessageNotContaining("Alex")
                .hasNoCause();
    }

    @Test
    void aCorruptMessageIsRefusedWithoutItsContentsInTheMessage() {
        byte[] message = new AvroSerializer<Person>(client).serialize("wire.people", ReferralTestData.aParent().build());
        byte[] truncated = Arrays.copyOf(message, message.length - 10);

        assertThatThrownBy(() -> new AvroDeserializer<Person>(client).deserialize("wire.people", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id")
                .hasMessageNotContaining("Sam")
                .hasNoCause();
    }

    private static byte[] wireFormat(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        byte[] body = avro.toByteArray();
        return ByteBuffer.allocate(1 + 4 + body.length).put((byte) 0).putInt(id).put(body).array();
    }
}
