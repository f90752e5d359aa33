package uk.mash.notify.referrer;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import uk.mash.events.NotificationChannel;
import uk.mash.events.NotificationSubject;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.RejectionReason;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.referrer.NotificationMessages.Telling;

/**
 * The notifier knows the MASH decision, not whether routing has yet carried the referral anywhere (it can fail to a
 * dead-letter topic): every outcome is worded as the decision and what will happen, never as done, and without the
 * child's details.
 */
class NotificationMessagesTest {

    @ParameterizedTest
    @EnumSource(OutcomeType.class)
    void everyOutcomeIsToldAsTheDecisionAndWhatWillHappenNeverAsDone(OutcomeType type) {
        String message = NotificationMessages.forOutcome(outcomeOf(type), Telling.FIRST);

        assertThat(message).containsAnyOf("will ", "is passing", "is returning")
                .doesNotContain("has been sent", "has started", "has referred", "has been passed");
    }

    @ParameterizedTest
    @EnumSource(OutcomeType.class)
    void noMessageNamesTheChildOrWhereTheyLive(OutcomeType type) {
        for (Telling telling : Telling.values()) {
            assertThat(NotificationMessages.forOutcome(outcomeOf(type), telling))
                    .doesNotContain("Alex", "Fairweather", "Fictional Road", "PE2 5AB", "Fictional concern");
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeType.class)
    void theSameDecisionToldAgainIsAConfirmation(OutcomeType type) {
        TriageOutcomeIssued first = outcomeOf(type);

        Telling telling = NotificationMessages.telling(first, Optional.of(toldOf(first)));

        assertThat(telling).isEqualTo(Telling.CONFIRMATION);
    }

    @ParameterizedTest
    @EnumSource(value = OutcomeType.class, names = "EARLY_HELP", mode = EnumSource.Mode.EXCLUDE)
    void anotherDecisionAfterEarlyHelpIsAChange(OutcomeType type) {
        TriageOutcomeIssued earlyHelp = outcomeOf(OutcomeType.EARLY_HELP);

        Telling telling = NotificationMessages.telling(outcomeOf(type), Optional.of(toldOf(earlyHelp)));

        assertThat(telling).isEqualTo(Telling.CHANGE);
    }

    @Test
    void aRefusalAsksTheReferrerToPutRightEveryReasonOnce() {
        String message = NotificationMessages.forRejection(rejected("SCH-1",
                new RejectionReason("REQUIRED", "child.dateOfBirth", "A date of birth is required."),
                new RejectionReason("POSTCODE_FORMAT", "child.address.postcode", "The postcode is not valid.")));

        assertThat(message).isEqualTo("Your submission SCH-1 was not accepted by the MASH. Please put right: "
                + "child.dateOfBirth: A date of birth is required; child.address.postcode: The postcode is not valid. "
                + "If a child is at immediate risk, telephone the MASH or the police now.");
    }

    @Test
    void aSubmissionTheMashFailedToReceiveIsNotTheReferrersToPutRight() {
        String message = NotificationMessages.forRejection(rejected("SCH-2",
                new RejectionReason("NOT_PROCESSED", null, "the MASH's system failed while receiving it.")));

        assertThat(message).startsWith("Your submission SCH-2 has not yet been received by the MASH: the MASH's "
                + "system failed while receiving it. If a child is at immediate risk").doesNotContain("put right");
    }

    @Test
    void aSubmissionWithoutAReferenceIsToldAsTheAgencys() {
        String message = NotificationMessages.forRejection(rejected(null,
                new RejectionReason("UNREADABLE", null, "the MASH could not read it.")));

        assertThat(message).startsWith("A submission from your agency was not accepted by the MASH.")
                .doesNotContain("null");
    }

    private static ReferralRejected rejected(String agencyReference, RejectionReason... reasons) {
        return ReferralRejected.newBuilder().setEventId(UUID.randomUUID()).setRejectedAt(Instant.now())
                .setAgencyCode("URN110789").setAgencyReference(agencyReference).setReasons(List.of(reasons)).build();
    }

    private static TriageOutcomeIssued outcomeOf(OutcomeType type) {
        return anOutcome(type).forOrganisation(type == OutcomeType.SINGLE_AGENCY ? "Fictional School Nursing" : null)
                .build();
    }

    private static ReferrerNotified toldOf(TriageOutcomeIssued outcome) {
        return ReferrerNotified.newBuilder()
                .setEventId(outcome.getEventId())
                .setNotificationId(outcome.getReferralId() + ":v1:EVENT")
                .setReferralId(outcome.getReferralId().toString())
                .setAgencyCode("SCHOOL-0001")
                .setAgencyReference(outcome.getReferral().getAgencyReference())
                .setChannel(NotificationChannel.EVENT)
                .setSubject(NotificationSubject.OUTCOME)
                .setOutcome(outcome.getOutcome())
                .setOutcomeVersion(1)
                .setNotifiedAt(outcome.getIssuedAt())
                .setMessage(NotificationMessages.forOutcome(outcome, Telling.FIRST))
                .setContact("Peterborough MASH")
                .build();
    }
}
