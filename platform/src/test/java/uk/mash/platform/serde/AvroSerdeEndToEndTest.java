package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import uk.mash.events.Address;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.testing.DriftedSchemas;
import uk.mash.platform.testing.RegistryOverPostgres;

/**
 * The serializer and deserializer as Kafka creates them (by class name, configured from client properties), talking
 * to a real registry server over HTTP.
 */
class AvroSerdeEndToEndTest {

    private static RegistryOverPostgres registry;
    private static Map<String, Object> kafkaConfigs;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = RegistryOverPostgres.start();
        kafkaConfigs = Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString());
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aReceivedReferralRoundTripsWithItsTimestampsDatesAndUuids() {
        ReferralReceived received = ReferralTestData.aReferralReceived().build();

        byte[] message = serializer(kafkaConfigs, false).serialize("e2e.received", received);
        ReferralReceived decoded = AvroSerdeEndToEndTest.<ReferralReceived>deserializer(kafkaConfigs, false)
                .deserialize("e2e.received", message);

        assertThat(decoded).isEqualTo(received);
        assertThat(decoded.getEventId()).isEqualTo(received.getEventId());
        assertThat(decoded.getReceivedAt()).isEqualTo(received.getReceivedAt());
        assertThat(decoded.getReferral().getSubmittedAt()).isEqualTo(ReferralTestData.SUBMITTED_AT);
        assertThat(decoded.getReferral().getChild().getDateOfBirth())
                .isEqualTo(received.getReferral().getChild().getDateOfBirth());
    }

    @Test
    void theHeadersVariantsReadAndWriteTheSameBytes() {
        ReferralSubmitted submitted = ReferralTestData.aReferralSubmitted().build();
        AvroSerializer<ReferralSubmitted> serializer = serializer(kafkaConfigs, false);

        byte[] message = serializer.serialize("e2e.headers", new RecordHeaders(), submitted);

        assertThat(message).isEqualTo(serializer.serialize("e2e.headers", submitted));
        assertThat(AvroSerdeEndToEndTest.<ReferralSubmitted>deserializer(kafkaConfigs, false)
                .deserialize("e2e.headers", new RecordHeaders(), message)).isEqualTo(submitted);
    }

    @Test
    void theSchemaIsRegisteredUnderTheTopicValueSubject() {
        serializer(kafkaConfigs, false).serialize("e2e.value-subject", ReferralTestData.aReferralSubmitted().build());

        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        assertThat(client.latest("e2e.value-subject-value")).hasValueSatisfying(
                latest -> assertThat(latest.schema()).isEqualTo(ReferralSubmitted.getClassSchema()));
    }

    @Test
    void aKeyIsRegisteredUnderTheTopicKeySubject() {
        Address key = ReferralTestData.anAddress().build();

        byte[] message = serializer(kafkaConfigs, true).serialize("e2e.keyed", key);

        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        assertThat(client.latest("e2e.keyed-key")).isPresent();
        assertThat(client.latest("e2e.keyed-value")).isEmpty();
        assertThat(AvroSerdeEndToEndTest.<Address>deserializer(kafkaConfigs, true).deserialize("e2e.keyed", message))
                .isEqualTo(key);
    }

    @Test
    void nullIsWrittenAndReadAsNull() {
        assertThat(serializer(kafkaConfigs, false).serialize("e2e.tombstones", null)).isNull();
        assertThat(deserializer(kafkaConfigs, false).deserialize("e2e.tombstones", (byte[]) null)).isNull();
    }

    @Test
    void withoutAutoRegistrationTheLatestRegisteredSchemaIsUsed() {
        Map<String, Object> noAutoRegister = Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString(),
                AvroSerializer.AUTO_REGISTER_SCHEMAS_CONFIG, "false");
        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        int id = client.register("e2e.preregistered-value", ReferralSubmitted.getClassSchema());

        byte[] message = serializer(noAutoRegister, false)
                .serialize("e2e.preregistered", ReferralTestData.aReferralSubmitted().build());

        assertThat(ByteBuffer.wrap(message, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSubjectIsRefused() {
        Map<String, Object> noAutoRegister = Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString(),
                AvroSerializer.AUTO_REGISTER_SCHEMAS_CONFIG, false);

        assertThatThrownBy(() -> serializer(noAutoRegister, false)
                .serialize("e2e.unregistered", ReferralTestData.aReferralSubmitted().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("e2e.unregistered-value")
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void withoutAutoRegistrationARecordWhoseSchemaIsNotTheLatestIsRefused() {
        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        client.register("e2e.other-contract-value", Address.getClassSchema());
        Map<String, Object> noAutoRegister = Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString(),
                AvroSerializer.AUTO_REGISTER_SCHEMAS_CONFIG, false);

        assertThatThrownBy(() -> serializer(noAutoRegister, false)
                .serialize("e2e.other-contract", ReferralTestData.aReferralSubmitted().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not the latest version of subject \"e2e.other-contract-value\"");
    }

    @Test
    void aSerializerBuiltWithoutAutoRegistrationKeepsItWhenConfiguredLater() {
        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        AvroSerializer<ReferralSubmitted> serializer = new AvroSerializer<>(client, false);

        serializer.configure(Map.of(AvroSerializer.AUTO_REGISTER_SCHEMAS_CONFIG, true), false);

        assertThatThrownBy(() -> serializer.serialize("e2e.fixed", ReferralTestData.aReferralSubmitted().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("No schema is registered under subject \"e2e.fixed-value\"");
    }

    @Test
    void aRegistryThatCannotBeReachedFailsSerializationNamingTheRegistry() {
        Map<String, Object> nowhere = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://localhost:1",
                SchemaRegistrySettings.CONNECT_TIMEOUT_MS_CONFIG, 2000);

        assertThatThrownBy(() -> serializer(nowhere, false)
                .serialize("e2e.nowhere", ReferralTestData.aReferralSubmitted().build()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("http://localhost:1");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowFailsDeserializationNamingTheId() {
        byte[] message = ByteBuffer.allocate(6).put((byte) 0).putInt(987654).put((byte) 0).array();

        assertThatThrownBy(() -> deserializer(kafkaConfigs, false).deserialize("e2e.unknown-id", message))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("987654")
                .hasMessageContaining("40403");
    }

    @Test
    void aFieldTheContractDoesNotKnowIsDroppedByDefaultAndRefusedNamedWhereAReaderSaysSo() {
        Schema drifted = DriftedSchemas.withField(ReferralSubmitted.getClassSchema(), "ReferralSubmitted",
                "{\"name\":\"immediateRisk\",\"type\":\"boolean\",\"default\":false}");
        SchemaRegistryClient client = SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs));
        int id = client.register("e2e.drifted-value", drifted);
        byte[] message = DriftedSchemas.wireFormat(id, DriftedSchemas.written(
                ReferralTestData.aReferralSubmitted().build(), drifted, Map.of("immediateRisk", true)));
        Map<String, Object> strict = Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString(),
                AvroDeserializer.REFUSE_UNKNOWN_FIELDS, "true");

        assertThat(deserializer(kafkaConfigs, false).deserialize("e2e.drifted", message))
                .as("a newer writer's field is left out, as Avro resolves it").isInstanceOf(ReferralSubmitted.class);
        assertThatThrownBy(() -> deserializer(strict, false).deserialize("e2e.drifted", message))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Writer schema id " + id + " has fields ReferralSubmitted does not know")
                .hasMessageEndingWith(": immediateRisk");
    }

    @Test
    void aProjectionReadsOnlyTheFieldsNamedANestedOneByItsPathWithTheirLogicalTypes() {
        ReferralReceived received = ReferralTestData.aReferralReceived().build();
        byte[] message = serializer(kafkaConfigs, false).serialize("e2e.projected", received);

        GenericRecord projected = projection(ReferralReceived.class, "referralId", "receivedAt",
                "referral.agencyReference").deserialize("e2e.projected", message);

        assertThat(projected.getSchema().getFields()).extracting(Schema.Field::name)
                .containsExactly("referralId", "receivedAt", "referral");
        assertThat(projected.get("referralId")).isEqualTo(received.getReferralId());
        assertThat(projected.get("receivedAt")).isEqualTo(received.getReceivedAt());
        GenericRecord referral = (GenericRecord) projected.get("referral");
        assertThat(referral.getSchema().getFields()).extracting(Schema.Field::name).containsExactly("agencyReference");
        assertThat(referral.get("agencyReference")).hasToString(received.getReferral().getAgencyReference());
    }

    @Test
    void aProjectionOfAFieldTheEventDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> projection(ReferralReceived.class, "referralId", "referral.nickname"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nickname");
    }

    @Test
    void aProjectionOfAMessageWithAnUnknownMagicByteIsRefused() {
        assertThatThrownBy(() -> projection(ReferralReceived.class, "referralId")
                .deserialize("e2e.projected", new byte[] {1, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 1");
    }

    private static <T extends SpecificRecord> AvroSerializer<T> serializer(
            Map<String, Object> configs, boolean isKey) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(configs, isKey);
        return serializer;
    }

    private static AvroProjection projection(Class<? extends SpecificRecord> type, String... fields) {
        return new AvroProjection(SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(kafkaConfigs)), type,
                fields);
    }

    private static <T extends SpecificRecord> AvroDeserializer<T> deserializer(
            Map<String, Object> configs, boolean isKey) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(configs, isKey);
        return deserializer;
    }
}
