package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.receivedWithReference;
import static uk.mash.intake.IntakeInfrastructure.rejectedWithReference;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import uk.mash.events.Person;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.Submissions;
import uk.mash.intake.telephone.TelephoneFollowUps;

/**
 * Agency systems that publish on referrals.submitted.v1 retry as they please; each referral is received once, and a
 * different referral under an agency reference already used is rejected, so that its referrer hears why.
 */
@IntakeServiceTest
class SubmissionIngestTest {

    @Autowired
    TelephoneFollowUps followUps;

    @Test
    void sameSubmissionPublishedConcurrentlySeveralTimesIsReceivedOnce() {
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference("KAFKA-RETRY-1").build();

        CompletableFuture.allOf(IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.runAsync(() -> IntakeInfrastructure.publish(
                        "referrals.submitted.v1", submission.getAgencyReference(), submission)))
                .toArray(CompletableFuture[]::new)).join();

        List<ReferralReceived> received = await().atMost(Duration.ofSeconds(60)).until(
                () -> receivedWithReference("KAFKA-RETRY-1"), found -> !found.isEmpty());
        assertThat(received).hasSize(1);
        assertThat(receivedWithReference("KAFKA-RETRY-1")).hasSize(1);
    }

    @Test
    void differentSubmissionUnderAnAgencyReferenceAlreadyUsedIsRejectedNamingIt() {
        IntakeInfrastructure.publish("referrals.submitted.v1", "KAFKA-REUSED-1",
                Submissions.aValidReferral().withAgencyReference("KAFKA-REUSED-1").build());
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedWithReference("KAFKA-REUSED-1"),
                found -> !found.isEmpty());

        IntakeInfrastructure.publish("referrals.submitted.v1", "KAFKA-REUSED-1",
                Submissions.aValidReferral().withAgencyReference("KAFKA-REUSED-1")
                        .withNatureOfConcern("A different concern under the first referral's reference.").build());

        ReferralRejected rejected = await().atMost(Duration.ofSeconds(60))
                .until(() -> rejectedWithReference("KAFKA-REUSED-1"), found -> !found.isEmpty()).get(0);
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode, RejectionReason::getField)
                .containsExactly(tuple("ALREADY_USED", "agencyReference"));
        assertThat(rejected.getSubmission().getNatureOfConcern()).startsWith("A different concern");
        assertThat(receivedWithReference("KAFKA-REUSED-1")).hasSize(1);
    }

    @Test
    void submissionClaimingToBeByTelephoneIsReceivedAsAnEventWithNoFollowUpToChase() {
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference("KAFKA-CLAIMED-1").build();
        submission.setChannel(ReferralChannel.TELEPHONE);

        IntakeInfrastructure.publish("referrals.submitted.v1", "KAFKA-CLAIMED-1", submission);

        ReferralReceived received = await().atMost(Duration.ofSeconds(60))
                .until(() -> receivedWithReference("KAFKA-CLAIMED-1"), found -> !found.isEmpty()).get(0);
        assertThat(received.getReferral().getChannel()).isEqualTo(ReferralChannel.EVENT);
        assertThat(followUps.find(received.getReferralId())).isEmpty();
    }

    @Test
    void submissionWithANulCharacterIsRejectedAndTheReferralsAfterItAreReceived() {
        String unstorable = "KAFKA-NUL-1\u0000";
        IntakeInfrastructure.publish("referrals.submitted.v1", "KAFKA-NUL-1",
                Submissions.aValidReferral().withAgencyReference(unstorable).build());
        IntakeInfrastructure.publish("referrals.submitted.v1", "KAFKA-NUL-1",
                Submissions.aValidReferral().withAgencyReference("KAFKA-AFTER-NUL-1").build());

        ReferralRejected rejected = await().atMost(Duration.ofSeconds(60))
                .until(() -> rejectedWithReference("KAFKA-NUL-1\ufffd"), found -> !found.isEmpty()).get(0);
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode, RejectionReason::getField)
                .containsExactly(tuple("INVALID_CHARACTER", "agencyReference"));
        assertThat(rejected.getSubmission().getAgencyReference()).as("storable by the notifier, which tells the "
                + "referrer").isEqualTo("KAFKA-NUL-1\ufffd");
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedWithReference("KAFKA-AFTER-NUL-1"),
                found -> !found.isEmpty());
    }

    @Test
    void submissionTooLargeToCarryBackIsRejectedWithoutItAndTheReferralsAfterItAreReceived() throws Exception {
        ReferralSubmitted overAMegabyte = Submissions.aValidReferral().withAgencyReference("KAFKA-TOO-LARGE-1")
                .withNatureOfConcern(threeByteText(20_000))
                .withImpactOnChild(threeByteText(20_000))
                .withChildViews(threeByteText(20_000))
                .withSupportAlreadyProvided(threeByteText(20_000))
                .withStrengthsAndResilience(threeByteText(20_000))
                .withDesiredOutcome(threeByteText(20_000))
                .withSiblings(peopleAtEveryLimit())
                .withHouseholdMembers(peopleAtEveryLimit())
                .withParentsOrCarers(peopleAtEveryLimit())
                .build();

        IntakeInfrastructure.publishCompressed("referrals.submitted.v1", 0, List.of(overAMegabyte,
                Submissions.aValidReferral().withAgencyReference("KAFKA-AFTER-TOO-LARGE-1").build()));

        ReferralRejected rejected = await().atMost(Duration.ofSeconds(60))
                .until(() -> rejectedWithReference("KAFKA-TOO-LARGE-1"), found -> !found.isEmpty()).get(0);
        assertThat(rejected.getReasons()).extracting(RejectionReason::getCode).containsExactly("TOO_LARGE");
        assertThat(rejected.getAgencyCode()).isEqualTo(overAMegabyte.getReferrer().getAgencyCode());
        assertThat(rejected.getLocalAuthority()).isEqualTo("peterborough");
        assertThat(rejected.getSubmission()).as("too large to carry back").isNull();
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedWithReference("KAFKA-AFTER-TOO-LARGE-1"),
                found -> !found.isEmpty());
    }

    /** UTF-8 writes the euro sign in three bytes. */
    private static String threeByteText(int characters) {
        return "\u20ac".repeat(characters);
    }

    /** Each field of each person at its limit, so that only the whole is too large. */
    private static List<Person> peopleAtEveryLimit() {
        return IntStream.range(0, 20).mapToObj(i -> {
            Person person = Submissions.aPersonLivingAt(threeByteText(500), threeByteText(500),
                    Submissions.anAddress("PE1 2AB", Collections.nCopies(6, threeByteText(500))));
            person.setPhone(threeByteText(500));
            return person;
        }).toList();
    }
}
