package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.triage.decisions.TriageOverPostgres.RECEIVED;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/** The rules' recommendation as triage issues it, over real PostgreSQL with the shipped rule packs. */
class ReferralTriageTest {

    @TempDir
    static Path dataDir;

    private static TriageOverPostgres triage;

    @BeforeAll
    static void startDatabase() {
        triage = new TriageOverPostgres(dataDir);
    }

    @AfterAll
    static void stopDatabase() {
        triage.close();
    }

    @Test
    void aCaseOpenInAnotherLocalAuthorityDoesNotSendTheReferralToItsSocialWorker() {
        ReferralSubmitted referral = aValidReferral().aboutChild("Elsewhere", "9000000101").in("peterborough")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build();
        triage.caseOpen(referral, "cambridgeshire", "Kit Worker");

        TriageOutcomeIssued outcome = triage.triage(referral).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getAllocatedSocialWorker()).isNull();
        assertThat(outcome.getAllocatedCaseId()).isNull();
    }

    @Test
    void aReferralMatchedToAChildWithACaseOpenInItsOwnAuthorityNamesThatCase() {
        ReferralSubmitted knownByNhsNumber = aValidReferral().aboutChild("Matched", "9000000102").build();
        UUID peterboroughCase = triage.caseOpen(knownByNhsNumber, "peterborough", "Sam Worker");
        triage.caseOpen(knownByNhsNumber, "cambridgeshire", "Kit Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Matched", null).in("peterborough")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(outcome.getAllocatedCaseId()).as("referred without the NHS number the case was opened under")
                .isEqualTo(peterboroughCase);
        assertThat(outcome.getAllocatedSocialWorker()).isEqualTo("Sam Worker");
    }

    @Test
    void aTwinWithoutAnNhsNumberIsNotSentToTheOtherTwinsAllocatedWorker() {
        triage.caseOpen(aValidReferral().aboutChild("Twin", null).withGivenNames("Ava").build(), "peterborough",
                "Sam Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Twin", null).withGivenNames("Isla")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).as("same family name, date of birth and postcode, another given name")
                .isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getAllocatedCaseId()).isNull();
    }

    @Test
    void aChildWithoutAnNhsNumberIsKnownAgainByTheFirstGivenNameWhateverTheOthers() {
        UUID caseId = triage.caseOpen(aValidReferral().aboutChild("Middle", null).withGivenNames("Ava Grace").build(),
                "peterborough", "Sam Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Middle", null).withGivenNames("ava")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getAllocatedCaseId()).isEqualTo(caseId);
    }

    @Test
    void collatedConcernsLeaveAnAllocatedWorkerOutcomeConfirmedBesideAReviewTask() {
        UUID caseId = triage.caseOpen(aValidReferral().aboutChild("Collated", "9000000103").build(), "peterborough",
                "Sam Worker");
        triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("HEALTH-0001").build());

        TriageEvents third = triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("POLICE-0001")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withImmediateRiskOfSignificantHarm().build());

        TriageOutcomeIssued outcome = third.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getStatus()).as("routed to the allocated worker at once").isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(outcome.getPriority()).isEqualTo(Priority.IMMEDIATE);
        assertThat(outcome.getAllocatedCaseId()).isEqualTo(caseId);
        assertThat(third.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_COLLATED_CONCERNS);
            assertThat(task.getRecommendedOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        });
    }

    @Test
    void aReferralWithoutIndicatorsIsIssuedProvisionalWithATaskForAWorkerToReadIt() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Unindicated", "9000000106").build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SINGLE_AGENCY);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getReasons()).extracting(DecisionReason::getRuleId)
                .containsExactly("single-agency", "without-indicators");
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
            assertThat(task.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(8)));
        });
    }

    @Test
    void aGillickCompetentYoungPersonsEarlyHelpWaitsForAWorkerToCheckTheirOwnConsent() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Competent", "9000000107")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").gillickCompetent(true, null).build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
            assertThat(task.getReasons()).extracting(DecisionReason::getRuleId).contains("gillick-competent-consent");
        });
    }

    @Test
    void aChildWhoMayBeASignificantRiskToOthersWithoutConsentIsASection47EnquiryReviewedWithinTheHour() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Risky", "9000000108")
                .withIndicators("CHILD_RISK_TO_OTHERS").withConsent(ConsentStatus.NOT_SOUGHT).build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(outcome.getStatus()).as("issued at once, for a worker to confirm")
                .isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(outcome.getRulePackVersion()).isEqualTo("1.1.0");
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void taskDeadlinesRunFromWhenTheReferralWasReceivedNotWhenItWasTriaged() {
        TriageTaskCreated section47Review = triage.triage(aValidReferral().aboutChild("Lagging", "9000000104")
                .withImmediateRiskOfSignificantHarm().build()).tasks().get(0);
        TriageTaskCreated confirmation = triage.triage(aValidReferral().aboutChild("Republished", "9000000105")
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build())
                .tasks().get(0);

        assertThat(section47Review.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
        assertThat(section47Review.getCreatedAt()).isEqualTo(RECEIVED.plus(TriageOverPostgres.LAG));
        assertThat(section47Review.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
        assertThat(confirmation.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
        assertThat(confirmation.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(8)));
    }
}
