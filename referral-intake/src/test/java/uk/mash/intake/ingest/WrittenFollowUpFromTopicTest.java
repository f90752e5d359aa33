package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.Submissions;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.telephone.FollowUp;
import uk.mash.intake.telephone.TelephoneFollowUps;
import uk.mash.intake.validation.Violation;
import uk.mash.platform.serde.StoredEvents;

/**
 * A telephone referral's written follow-up submitted on Kafka: published in the listener's Kafka transaction under
 * the telephone referral, and published again, the same, when the same record comes back after that transaction
 * aborted.
 */
@IntakeServiceTest
class WrittenFollowUpFromTopicTest {

    @Autowired
    ReferralIntake intake;

    @Autowired
    TelephoneFollowUps followUps;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void writtenFollowUpOnTheSubmittedTopicIsPublishedUnderTheTelephoneReferralAfterTheCall() {
        UUID referralId = telephoned("TOPIC-WRITTEN-1");
        ConsumerRecord<String, ReferralReceived> call = await().atMost(Duration.ofSeconds(60))
                .until(() -> IntakeInfrastructure.receivedOf(referralId), found -> !found.isEmpty()).get(0);

        IntakeInfrastructure.publish("referrals.submitted.v1", "TOPIC-WRITTEN-1", addingImmediateRisk(
                "TOPIC-WRITTEN-1"));

        List<ConsumerRecord<String, ReferralReceived>> received = await().atMost(Duration.ofSeconds(60))
                .until(() -> IntakeInfrastructure.receivedOf(referralId), found -> found.size() >= 2);
        assertThat(received).hasSize(2);
        ConsumerRecord<String, ReferralReceived> followUp = received.get(1);
        assertThat(followUp.partition()).isEqualTo(call.partition());
        assertThat(followUp.offset()).isGreaterThan(call.offset());
        assertThat(followUp.value().getReceivedAt()).isEqualTo(call.value().getReceivedAt());
        assertThat(followUp.value().getChildKey()).isEqualTo(call.value().getChildKey());
        assertThat(followUp.value().getWrittenFollowUpReceivedAt()).isNotNull();
        assertThat(followUp.value().getReferral().getImmediateRiskOfSignificantHarm()).isTrue();
        assertThat(followUp.value().getReferral().getChannel()).isEqualTo(ReferralChannel.EVENT);
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.RECEIVED);
        assertThat(IntakeInfrastructure.rejectedWithReference("TOPIC-WRITTEN-1")).isEmpty();
    }

    @Test
    void sameRecordRedeliveredPublishesTheSameWrittenFollowUpAgain() {
        UUID referralId = telephoned("TOPIC-WRITTEN-REDELIVERED-1");
        ReferralSubmitted written = addingImmediateRisk("TOPIC-WRITTEN-REDELIVERED-1");
        List<ReferralReceived> first = new ArrayList<>();
        List<ReferralReceived> again = new ArrayList<>();
        IntakeDecision accepted = intake.acceptFromTopic(written, new SourcePosition(1, 4200), first::add);

        IntakeDecision redelivered = intake.acceptFromTopic(written, new SourcePosition(1, 4200), again::add);

        assertThat(accepted).isInstanceOfSatisfying(IntakeDecision.Accepted.class, decision -> {
            assertThat(decision.repeat()).isFalse();
            assertThat(decision.referral().referralId()).isEqualTo(referralId);
        });
        assertThat(first).singleElement().satisfies(followUp -> {
            assertThat(followUp.getReferralId()).isEqualTo(referralId);
            assertThat(followUp.getWrittenFollowUpReceivedAt()).isNotNull();
        });
        assertThat(redelivered).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                decision -> assertThat(decision.referral().referralId()).isEqualTo(referralId));
        assertThat(again).singleElement().extracting(StoredEvents::encode)
                .as("byte for byte what the aborted transaction would have sent")
                .isEqualTo(StoredEvents.encode(first.get(0)));
    }

    @Test
    void sameWrittenFollowUpFromAnotherRecordPublishesNothing() {
        telephoned("TOPIC-WRITTEN-RESENT-1");
        ReferralSubmitted written = addingImmediateRisk("TOPIC-WRITTEN-RESENT-1");
        intake.acceptFromTopic(written, new SourcePosition(2, 4300), received -> { });
        List<ReferralReceived> resent = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(written, new SourcePosition(2, 4301), resent::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isTrue());
        assertThat(resent).isEmpty();
    }

    @Test
    void secondDifferentWrittenFollowUpInTheSamePollIsRefusedAndOnlyTheFirstPublished() {
        UUID referralId = telephoned("TOPIC-WRITTEN-POLL-1");
        Map<SourcePosition, ReferralSubmitted> poll = new LinkedHashMap<>();
        poll.put(new SourcePosition(0, 4400), addingImmediateRisk("TOPIC-WRITTEN-POLL-1"));
        poll.put(new SourcePosition(0, 4401), Submissions.aValidReferral().withAgencyReference("TOPIC-WRITTEN-POLL-1")
                .withNatureOfConcern("A new concern, sent under the telephone referral's reference.").build());
        Map<SourcePosition, List<ReferralReceived>> published = new LinkedHashMap<>();
        List<IntakeDecision> decisions = new ArrayList<>();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            intake.storeTogether(poll);
            poll.forEach((source, submission) -> {
                List<ReferralReceived> events = new ArrayList<>();
                decisions.add(intake.acceptFromTopic(submission, source, events::add));
                published.put(source, events);
            });
        });

        assertThat(decisions.get(0)).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.referral().referralId()).isEqualTo(referralId));
        assertThat(decisions.get(1)).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::code, Violation::field)
                        .containsExactly(tuple("ALREADY_USED", "agencyReference")));
        assertThat(published.get(new SourcePosition(0, 4400))).hasSize(1);
        assertThat(published.get(new SourcePosition(0, 4401))).isEmpty();
    }

    @Test
    void writtenReferralAboutAnotherChildOnTheTopicIsRefusedNamingTheAgencyReference() {
        telephoned("TOPIC-WRITTEN-OTHER-CHILD-1");
        ReferralSubmitted twin = Submissions.aValidReferral().withAgencyReference("TOPIC-WRITTEN-OTHER-CHILD-1")
                .withChildGivenNames("Jamie").withNhsNumber("9876543210").withImmediateRiskOfSignificantHarm().build();
        List<ReferralReceived> published = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(twin, new SourcePosition(2, 4500), published::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::code, Violation::field)
                        .containsExactly(tuple("ALREADY_USED", "agencyReference")));
        assertThat(published).isEmpty();
    }

    /** A professional's call, as MASH contact staff record it. */
    private UUID telephoned(String agencyReference) {
        IntakeDecision decision = intake.accept(Submissions.aValidReferral().withAgencyReference(agencyReference)
                .byTelephone().build(), null);
        return ((IntakeDecision.Accepted) decision).referral().referralId();
    }

    private static ReferralSubmitted addingImmediateRisk(String agencyReference) {
        return Submissions.aValidReferral().withAgencyReference(agencyReference).withImmediateRiskOfSignificantHarm()
                .build();
    }
}
