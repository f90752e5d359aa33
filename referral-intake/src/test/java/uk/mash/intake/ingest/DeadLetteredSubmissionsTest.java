package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.receivedWithReference;
import static uk.mash.intake.IntakeInfrastructure.rejectedWithReference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.Submissions;
import uk.mash.platform.kafka.DeadLetterPublisher;
import uk.mash.platform.testing.DriftedSchemas;

/**
 * A submission that goes to the dead-letter topic is told to its referrer as not received, named by whatever can still
 * be read of it, and the referrals behind it are received: an agency system whose serializer or schema has drifted
 * from the contract hears so, instead of believing its referrals received. Republished from the dead-letter topic and
 * dead-lettered again, it is the same rejection (same event id), which the notifier tells once.
 */
@IntakeServiceTest
class DeadLetteredSubmissionsTest {

    private static final String SUBMITTED = "referrals.submitted.v1";
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @Autowired
    DeadLetteredSubmissions deadLettered;

    @Autowired
    KafkaProperties kafka;

    @Test
    void bytesThatAreNotAvroAreKeptAndToldUnderTheRecordsKey() {
        byte[] notAvro = "{\"agencyReference\": \"JSON-1\"}".getBytes(StandardCharsets.UTF_8);

        IntakeInfrastructure.publishBytes(SUBMITTED, "JSON-1", notAvro);
        IntakeInfrastructure.publish(SUBMITTED, "AFTER-JSON-1",
                Submissions.aValidReferral().withAgencyReference("AFTER-JSON-1").build());

        ReferralRejected rejected = await().atMost(PIPELINE).until(() -> rejectedWithReference("JSON-1"),
                found -> !found.isEmpty()).get(0);
        assertThat(rejected.getAgencyCode()).isNull();
        assertThat(rejected.getSubmission()).isNull();
        assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.getCode()).isEqualTo("UNREADABLE");
            assertThat(reason.getMessage()).contains("not Avro in the Confluent wire format",
                    "send the referral again");
        });
        assertThat(IntakeInfrastructure.topics().readAllBytes(SUBMITTED + "-dlt"))
                .filteredOn(dead -> "JSON-1".equals(dead.key())).singleElement()
                .satisfies(dead -> assertThat(dead.value()).as("kept byte for byte").isEqualTo(notAvro));
        await().atMost(PIPELINE).until(() -> receivedWithReference("AFTER-JSON-1"), found -> !found.isEmpty());
        assertThat(rejectedWithReference("JSON-1")).as("told once").hasSize(1);
    }

    @Test
    void aSchemaIdTheRegistryDoesNotHaveIsNamedToTheReferrer() {
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(0).array();

        IntakeInfrastructure.publishBytes(SUBMITTED, "UNKNOWN-ID-1", unknownId);

        ReferralRejected rejected = await().atMost(PIPELINE).until(() -> rejectedWithReference("UNKNOWN-ID-1"),
                found -> !found.isEmpty()).get(0);
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode).containsExactly("UNREADABLE");
        assertThat(rejected.getReasons().get(0).getMessage()).contains("schema id 987654 is not in the MASH's "
                + "schema registry");
    }

    @Test
    void aSubmissionWrittenWithADriftedSchemaIsToldToItsAgencyUnderItsOwnReference() throws IOException {
        Schema drifted = new Schema.Parser().parse("""
                {"type": "record", "name": "ReferralSubmitted", "namespace": "uk.mash.events", "fields": [
                  {"name": "agencyReference", "type": "string"},
                  {"name": "localAuthority", "type": "string"},
                  {"name": "referrer", "type": {"type": "record", "name": "Referrer", "fields": [
                    {"name": "agencyCode", "type": "string"}]}}]}""");
        GenericRecord written = new GenericRecordBuilder(drifted)
                .set("agencyReference", "DRIFTED-1")
                .set("localAuthority", "peterborough")
                .set("referrer", new GenericRecordBuilder(drifted.getField("referrer").schema())
                        .set("agencyCode", "URN110789").build())
                .build();
        int id = IntakeInfrastructure.registry().register("drifted-agency-system-value", drifted);

        IntakeInfrastructure.publishBytes(SUBMITTED, "the key the agency system happened to give",
                DriftedSchemas.wireFormat(id, written));

        ReferralRejected rejected = await().atMost(PIPELINE).until(() -> rejectedWithReference("DRIFTED-1"),
                found -> !found.isEmpty()).get(0);
        assertThat(rejected.getAgencyCode()).as("read from the message as its writer wrote it").isEqualTo("URN110789");
        assertThat(rejected.getLocalAuthority()).isEqualTo("peterborough");
        assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.getCode()).isEqualTo("UNREADABLE");
            assertThat(reason.getMessage()).contains("its schema (id " + id + ") cannot be read as the MASH's "
                    + "referral contract");
        });
    }

    @Test
    void aSubmissionWhoseSchemaHasAFieldTheContractDoesNotKnowIsToldWhichRatherThanReadWithoutIt() {
        Schema drifted = DriftedSchemas.withField(ReferralSubmitted.getClassSchema(), "ReferralSubmitted",
                "{\"name\":\"immediateRisk\",\"type\":\"boolean\",\"default\":false}");
        int id = IntakeInfrastructure.registry().register("agency-system-with-extra-field-value", drifted);
        GenericRecord written = DriftedSchemas.written(Submissions.aValidReferral()
                .withAgencyReference("EXTRA-FIELD-1").build(), drifted, Map.of("immediateRisk", true));

        IntakeInfrastructure.publishBytes(SUBMITTED, "EXTRA-FIELD-1", DriftedSchemas.wireFormat(id, written));

        ReferralRejected rejected = await().atMost(PIPELINE).until(() -> rejectedWithReference("EXTRA-FIELD-1"),
                found -> !found.isEmpty()).get(0);
        assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.getCode()).isEqualTo("UNREADABLE");
            assertThat(reason.getMessage()).contains("has fields the MASH's referral contract does not know, which "
                    + "would have been dropped unread: immediateRisk.");
        });
        assertThat(receivedWithReference("EXTRA-FIELD-1")).as("never read as no immediate risk").isEmpty();
    }

    @Test
    void aSubmissionReadButNotHandledIsToldAsTheMashsFaultAndCarriedWhole() {
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference("FAILED-1").build();
        ConsumerRecord<String, ReferralSubmitted> record = new ConsumerRecord<>(SUBMITTED, 2, 77L, "FAILED-1",
                submission);

        ReferralRejected rejected = deadLettered.rejectionOf(record);

        assertThat(rejected.getAgencyCode()).isEqualTo(submission.getReferrer().getAgencyCode());
        assertThat(rejected.getSubmission()).as("nothing lost").isEqualTo(submission);
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode, RejectionReason::getField)
                .containsExactly(tuple("NOT_PROCESSED", null));
        assertThat(rejected.getReasons().get(0).getMessage()).contains("need not be sent again");
        assertThat(deadLettered.rejectionOf(record).getEventId()).as("told once however often it is dead-lettered")
                .isEqualTo(rejected.getEventId());
    }

    @Test
    void aSubmissionReadButNotHandledTooLargeToCarryBackIsToldWithoutIt() {
        ReferralSubmitted overAMegabyte = Submissions.aValidReferral().withAgencyReference("FAILED-LARGE-1")
                .withNatureOfConcern("Hungry most days. ".repeat(60_000)).build();
        ConsumerRecord<String, ReferralSubmitted> record = new ConsumerRecord<>(SUBMITTED, 2, 78L, "FAILED-LARGE-1",
                overAMegabyte);

        ReferralRejected rejected = deadLettered.rejectionOf(record);

        assertThat(rejected.getSubmission()).isNull();
        assertThat(rejected.getAgencyReference()).isEqualTo("FAILED-LARGE-1");
        assertThat(rejected.getAgencyCode()).isEqualTo(overAMegabyte.getReferrer().getAgencyCode());
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode, RejectionReason::getField)
                .containsExactly(tuple("NOT_PROCESSED", null));
    }

    @Test
    void bytesRepublishedFromTheDeadLetterTopicAndDeadLetteredAgainAreRejectedUnderTheSameEventId() {
        byte[] notAvro = "not a referral".getBytes(StandardCharsets.UTF_8);
        IntakeInfrastructure.publishBytes(SUBMITTED, "REPUBLISHED-1", notAvro);
        ReferralRejected first = await().atMost(PIPELINE).until(() -> rejectedWithReference("REPUBLISHED-1"),
                found -> !found.isEmpty()).get(0);
        ConsumerRecord<String, byte[]> deadLetter = deadLettersWithKey("REPUBLISHED-1").get(0);

        republish(deadLetter);

        await().atMost(PIPELINE).until(() -> deadLettersWithKey("REPUBLISHED-1"), found -> found.size() == 2);
        List<ReferralRejected> rejections = await().atMost(PIPELINE).until(
                () -> rejectedWithReference("REPUBLISHED-1"), found -> found.size() == 2);
        assertThat(rejections).extracting(ReferralRejected::getEventId).as("the same rejection, told once")
                .containsOnly(first.getEventId());
    }

    @Test
    void aSubmissionIsRejectedUnderWhereItFirstFailedOnlyWhenTheHeaderNamesAPositionOnItsOwnTopic() {
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference("FAILED-AGAIN-1").build();
        UUID firstRejection = deadLettered.rejectionOf(new ConsumerRecord<>(SUBMITTED, 1, 40L, "FAILED-AGAIN-1",
                submission)).getEventId();

        assertThat(deadLettered.rejectionOf(failedAgainAt(91L, SUBMITTED + "/1/40", submission)).getEventId())
                .isEqualTo(firstRejection);
        assertThat(deadLettered.rejectionOf(failedAgainAt(92L, "triage.outcomes.v1/1/40", submission))
                .getEventId()).as("another topic's position").isNotEqualTo(firstRejection);
        assertThat(deadLettered.rejectionOf(failedAgainAt(93L, "not a position", submission)).getEventId())
                .isNotEqualTo(firstRejection)
                .isEqualTo(deadLettered.rejectionOf(failedAgainAt(93L, null, submission)).getEventId());
    }

    private static ConsumerRecord<String, ReferralSubmitted> failedAgainAt(long offset, String firstFailedAt,
            ReferralSubmitted submission) {
        ConsumerRecord<String, ReferralSubmitted> record = new ConsumerRecord<>(SUBMITTED, 2, offset,
                submission.getAgencyReference(), submission);
        if (firstFailedAt != null) {
            record.headers().add(DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER,
                    firstFailedAt.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersWithKey(String key) {
        return IntakeInfrastructure.topics().readAllBytes(SUBMITTED + "-dlt").stream()
                .filter(dead -> key.equals(dead.key())).toList();
    }

    /** As the operations page republishes a dead letter: its key and bytes, and where it first failed. */
    private void republish(ConsumerRecord<String, byte[]> deadLetter) {
        String firstFailedAt = text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC) + "/"
                + ByteBuffer.wrap(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt()
                + "/" + ByteBuffer.wrap(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value())
                        .getLong();
        ProducerRecord<String, byte[]> republished = new ProducerRecord<>(SUBMITTED, deadLetter.key(),
                deadLetter.value());
        republished.headers().add(DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER,
                firstFailedAt.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(republished);
        }
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        return new String(found.value(), StandardCharsets.UTF_8);
    }
}
