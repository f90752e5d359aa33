package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DeciderKind;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/** A MASH worker's decision on a task, over real PostgreSQL, on recommendations triage issued there. */
class WorkerDecisionsTest {

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
    void anOverrideToASection47EnquiryIsAtLeastUrgentAndLevel3() {
        TriageEvents recommended = returnedForConsent("Routine", "9000000201");

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                override(OutcomeType.SECTION_47_ENQUIRY, LevelOfNeed.LEVEL_2));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(decided.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(decided.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
    }

    @Test
    void anOverrideToASection47EnquiryIsImmediateWhenTheReferrerSawImmediateRisk() {
        TriageTaskCreated review = collatedConcernsAboutAChildWithAnAllocatedWorker("Immediate", "9000000202");

        TriageOutcomeIssued decided = triage.decide(review.getTaskId(), override(OutcomeType.SECTION_47_ENQUIRY,
                null));

        assertThat(decided.getPriority()).isEqualTo(Priority.IMMEDIATE);
        assertThat(decided.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
        assertThat(decided.getAllocatedSocialWorker()).isNull();
        assertThat(decided.getAllocatedCaseId()).isNull();
    }

    @Test
    void anOverrideToASection17AssessmentIsLevel3AndNeverLowersThePriority() {
        TriageEvents recommended = collatedLevel2Concerns("Assessed", "9000000203");
        assertThat(recommended.outcomes().get(0).getPriority()).isEqualTo(Priority.URGENT);

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                override(OutcomeType.SECTION_17_ASSESSMENT, null));

        assertThat(decided.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
        assertThat(decided.getPriority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void anOverrideOfAReferralReturnedForConsentToASection17AssessmentIsUrgent() {
        TriageEvents recommended = returnedForConsent("Consented", "9000000209");

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                override(OutcomeType.SECTION_17_ASSESSMENT, null));

        assertThat(decided.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
        assertThat(decided.getPriority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void anOverrideToALesserOutcomeKeepsTheRecommendationsPriority() {
        TriageEvents recommended = collatedLevel2Concerns("Lesser", "9000000204");

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                override(OutcomeType.SINGLE_AGENCY, LevelOfNeed.LEVEL_1));

        assertThat(decided.getLevelOfNeed()).as("the worker's level").isEqualTo(LevelOfNeed.LEVEL_1);
        assertThat(decided.getPriority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void aWorkerConfirmsTheCollatedConcernsReviewOfAReferralAlreadyWithTheAllocatedSocialWorker() {
        TriageTaskCreated review = collatedConcernsAboutAChildWithAnAllocatedWorker("Reviewed", "9000000205");
        TriageOutcomeIssued routed = triage.decisions().openForDecision(review.getTaskId(), TriageOverPostgres.WORKER)
                .latestOutcome();

        TriageOutcomeIssued decided = triage.decide(review.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.CONFIRM, null, null, "The allocated social worker has the full picture."));

        assertThat(decided.getOutcomeVersion()).isEqualTo(2);
        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(decided.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(decided.getDecidedBy().getKind()).isEqualTo(DeciderKind.WORKER);
        assertThat(decided.getAllocatedCaseId()).isEqualTo(routed.getAllocatedCaseId()).isNotNull();
        assertThat(decided.getAllocatedSocialWorker()).isEqualTo("Sam Worker");
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .noneMatch(task -> task.getReferralId().equals(review.getReferralId()));
    }

    /** Three agencies' referrals about a child with an allocated social worker, the last seeing immediate risk. */
    private static TriageTaskCreated collatedConcernsAboutAChildWithAnAllocatedWorker(String familyName,
            String nhsNumber) {
        triage.caseOpen(aValidReferral().aboutChild(familyName, nhsNumber).build(), "peterborough", "Sam Worker");
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("HEALTH-0001").build());
        TriageTaskCreated review = triage.triage(aValidReferral().aboutChild(familyName, nhsNumber)
                .from("POLICE-0001").withImmediateRiskOfSignificantHarm().build()).tasks().get(0);
        assertThat(review.getKind()).isEqualTo(TaskKind.REVIEW_COLLATED_CONCERNS);
        return review;
    }

    /** Three agencies' Level 2 concerns about one child: Early Help, provisional and urgent, for a worker to review. */
    private static TriageEvents returnedForConsent(String familyName, String nhsNumber) {
        TriageEvents recommended = triage.triage(aValidReferral().aboutChild(familyName, nhsNumber)
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        assertThat(recommended.outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.RETURNED_FOR_CONSENT);
        assertThat(recommended.outcomes().get(0).getPriority()).isEqualTo(Priority.ROUTINE);
        return recommended;
    }

    private static TriageEvents collatedLevel2Concerns(String familyName, String nhsNumber) {
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("HEALTH-0001").build());
        return triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("POLICE-0001")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
    }

    private static WorkerDecision override(OutcomeType outcome, LevelOfNeed level) {
        return new WorkerDecision(WorkerDecision.Decision.OVERRIDE, outcome, level, "After checks with partners.");
    }
}
