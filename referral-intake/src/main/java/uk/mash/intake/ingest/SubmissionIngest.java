package uk.mash.intake.ingest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.validation.Violation;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Takes a submission from Kafka. An accepted one's received event, and a refused one on the rejected topic with the
 * original submission and every reason, are published inside the listener's Kafka transaction, so that the referrer
 * hears why and nothing is lost. A rejection too large for a Kafka record goes without what does not fit
 * ({@link RejectionsThatFit}), since one the producer refused would hold up the submissions behind it for ever.
 */
@Component
class SubmissionIngest {

    private static final Logger log = LoggerFactory.getLogger(SubmissionIngest.class);

    private final ReferralIntake intake;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final Clock clock;

    SubmissionIngest(ReferralIntake intake, KafkaTemplate<String, Object> kafka, TopicCatalogue topics, Clock clock) {
        this.intake = intake;
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
    }

    /** Checks and stores a poll's submissions together, before each is ingested in turn. */
    void storeTogether(List<ConsumerRecord<String, ReferralSubmitted>> poll) {
        Map<SourcePosition, ReferralSubmitted> submissions = new LinkedHashMap<>();
        for (ConsumerRecord<String, ReferralSubmitted> record : poll) {
            submissions.put(new SourcePosition(record.partition(), record.offset()),
                    submittedOnTheTopic(record.value()));
        }
        intake.storeTogether(submissions);
    }

    void ingest(ReferralSubmitted submission, SourcePosition source) {
        IntakeDecision decision = intake.acceptFromTopic(submittedOnTheTopic(submission), source,
                received -> kafka.send(topics.received(), received.getChildKey(), received));
        if (decision instanceof IntakeDecision.Refused refused) {
            reject(submission, refused.violations());
        }
        else if (decision instanceof IntakeDecision.Conflicting conflicting) {
            reject(submission, conflicting.violations());
        }
    }

    /**
     * Whatever channel the agency system gave, a submission on the topic is an event: only MASH staff recording a call
     * make a telephone referral, whose written follow-up is chased.
     */
    private static ReferralSubmitted submittedOnTheTopic(ReferralSubmitted submission) {
        submission.setChannel(ReferralChannel.EVENT);
        return submission;
    }

    private void reject(ReferralSubmitted submission, List<Violation> violations) {
        ReferralRejected rejected = RejectionsThatFit.fit(RejectionsWithoutNul.of(ReferralRejected.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRejectedAt(clock.instant())
                .setAgencyCode(submission.getReferrer() == null ? null : submission.getReferrer().getAgencyCode())
                .setAgencyReference(submission.getAgencyReference())
                .setLocalAuthority(submission.getLocalAuthority())
                .setReasons(violations.stream()
                        .map(v -> new RejectionReason(v.code(), v.field(), v.message()))
                        .toList())
                .setSubmission(submission)
                .build()));
        kafka.send(topics.rejected(), rejected.getAgencyReference(), rejected);
        log.info("Refused submission {} with {} reasons", submission.getAgencyReference(), violations.size());
    }
}
