package uk.mash.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.core.log.LogAccessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.platform.kafka.DeadLetterPublisher;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.serde.AsWritten;
import uk.mash.platform.serde.UnknownFields;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Tells the referrer of a submission that went to the dead-letter topic that the MASH did not receive it: a
 * {@link ReferralRejected} published in the transaction that commits the dead-lettered record's offset, so told once.
 * The record waits on the dead-letter topic, whole, for operations. Without this an agency system whose serializer or
 * schema had drifted from the contract heard nothing, and believed its referrals received.
 * <p>
 * A submission that could not be read is named by what can still be read of it: the agency code, reference and local
 * authority as its writer's own schema holds them, or else the record's key, the agency reference by the topic's
 * contract. One that was read but could not be handled carries itself whole, as every rejection does that fits in a
 * Kafka record ({@link RejectionsThatFit}).
 * <p>
 * The rejection's event id is derived from where the submission failed, so that the notifier, which records a
 * rejection once by its event id, tells it once however often it is dead-lettered. A submission republished from the
 * dead-letter topic by operations and dead-lettered again is at a new position, so the position it first failed at,
 * which the republisher writes in a header, is used when present.
 */
@Component
class DeadLetteredSubmissions {

    static final String UNREADABLE = "UNREADABLE";
    static final String NOT_PROCESSED = "NOT_PROCESSED";

    private static final LogAccessor log = new LogAccessor(DeadLetteredSubmissions.class);
    private static final Pattern POSITION = Pattern.compile("(.+)/\\d{1,10}/\\d{1,19}");
    private static final String SEND_AGAIN = " Check the agency system's serializer and schema against the MASH's "
            + "contract (subject referrals.submitted.v1-value), then send the referral again. The submission has been "
            + "kept and the MASH's operations team alerted.";

    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final Clock clock;
    private final SchemaRegistryClient registry;

    DeadLetteredSubmissions(KafkaTemplate<String, Object> kafka, TopicCatalogue topics, Clock clock,
            KafkaProperties kafkaProperties) {
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
        this.registry = SchemaRegistryClient.shared(
                SchemaRegistrySettings.fromConfig(kafkaProperties.buildConsumerProperties()));
    }

    void tell(ConsumerRecord<String, ReferralSubmitted> record) {
        ReferralRejected rejected = rejectionOf(record);
        kafka.send(topics.rejected(), rejected.getAgencyReference(), rejected);
        log.warn(() -> "Told agency " + rejected.getAgencyCode() + " that its dead-lettered submission "
                + record.topic() + "-" + record.partition() + "@" + record.offset() + " was not received ("
                + rejected.getReasons().get(0).getCode() + ")");
    }

    ReferralRejected rejectionOf(ConsumerRecord<String, ReferralSubmitted> record) {
        return RejectionsThatFit.fit(RejectionsWithoutNul.of(wholeRejectionOf(record)));
    }

    private ReferralRejected wholeRejectionOf(ConsumerRecord<String, ReferralSubmitted> record) {
        ReferralRejected.Builder rejected = ReferralRejected.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((firstFailedAt(record) + "/" + record.key())
                        .getBytes(StandardCharsets.UTF_8)))
                .setRejectedAt(clock.instant());
        ReferralSubmitted submission = record.value();
        if (submission != null) {
            return rejected.setAgencyCode(submission.getReferrer() == null ? null
                            : submission.getReferrer().getAgencyCode())
                    .setAgencyReference(submission.getAgencyReference())
                    .setLocalAuthority(submission.getLocalAuthority())
                    .setReasons(List.of(new RejectionReason(NOT_PROCESSED, null, "the MASH's system failed while "
                            + "receiving it. The submission has been kept and the MASH's operations team alerted: it "
                            + "will be received once the fault is put right, and need not be sent again unless the "
                            + "MASH asks")))
                    .setSubmission(submission)
                    .build();
        }
        AsWritten.Message message = AsWritten.read(record.topic(), undecodedBytesOf(record), registry);
        Optional<GenericRecord> written = Optional.ofNullable(message.record());
        return rejected.setAgencyCode(written.flatMap(r -> AsWritten.text(r, "referrer", "agencyCode")).orElse(null))
                .setAgencyReference(written.flatMap(r -> AsWritten.text(r, "agencyReference")).orElse(record.key()))
                .setLocalAuthority(written.flatMap(r -> AsWritten.text(r, "localAuthority")).orElse(null))
                .setReasons(List.of(new RejectionReason(UNREADABLE, null, whyUnreadable(message))))
                .setSubmission(null)
                .build();
    }

    /**
     * The position named in the header, when it is one on this record's topic; else the record's own. An agency
     * system could send the header itself, so the event id is made of the position with the record's key: a header
     * naming another agency's submission cannot make a rejection the same event as that one's.
     */
    private static String firstFailedAt(ConsumerRecord<?, ?> record) {
        Header first = record.headers().lastHeader(DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER);
        if (first != null && first.value() != null) {
            String named = new String(first.value(), StandardCharsets.UTF_8);
            Matcher position = POSITION.matcher(named);
            if (position.matches() && position.group(1).equals(record.topic())) {
                return named;
            }
        }
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    private static byte[] undecodedBytesOf(ConsumerRecord<String, ReferralSubmitted> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        return failure == null ? null : failure.getData();
    }

    private static String asWrittenWhy(AsWritten.Message message) {
        List<String> unknown = UnknownFields.of(message.record().getSchema(), ReferralSubmitted.getClassSchema());
        if (!unknown.isEmpty()) {
            return "the MASH did not read it: its schema (id " + message.schemaId() + ") has fields the MASH's "
                    + "referral contract does not know, which would have been dropped unread: "
                    + String.join(", ", unknown) + ".";
        }
        return "the MASH could not read it as a referral: its schema (id " + message.schemaId()
                + ") cannot be read as the MASH's referral contract.";
    }

    private static String whyUnreadable(AsWritten.Message message) {
        String why = switch (message.readable()) {
            case NOT_WIRE_FORMAT -> "the MASH could not read it: it is not Avro in the Confluent wire format "
                    + "(magic byte 0, the schema's 4-byte registry id, then the record).";
            case UNKNOWN_SCHEMA_ID -> "the MASH could not read it: its schema id " + message.schemaId()
                    + " is not in the MASH's schema registry.";
            case NOT_AS_ITS_SCHEMA -> "the MASH could not read it: its record does not match its own schema (id "
                    + message.schemaId() + ").";
            case AS_WRITTEN -> asWrittenWhy(message);
        };
        return why + SEND_AGAIN;
    }
}
