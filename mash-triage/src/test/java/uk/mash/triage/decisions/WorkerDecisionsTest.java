package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static uk.mash.triage.decisions.TriageOverPostgres.received;
import static uk.mash.triage.decisions.TriageOverPostgres.writtenFollowUp;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

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
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.triage.rules.Submissions;

/** A MASH worker's decision on a task, over real PostgreSQL, on recommendations triage issued there. */
class WorkerDecisionsTest {

    private static final Instant WRITTEN = TriageOverPostgres.RECEIVED.plus(Duration.ofHours(2));

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
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.SECTION_17_ASSESSMENT, null,
                        "The parents agreed when the MASH called them.", false, true, false, false, null, null, null));

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
                WorkerDecision.Decision.CONFIRM, null, null, "The allocated social worker has the full picture.", false,
                false, false, false, null, null, null));

        assertThat(decided.getOutcomeVersion()).isEqualTo(2);
        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(decided.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(decided.getDecidedBy().getKind()).isEqualTo(DeciderKind.WORKER);
        assertThat(decided.getAllocatedCaseId()).isEqualTo(routed.getAllocatedCaseId()).isNotNull();
        assertThat(decided.getAllocatedSocialWorker()).isEqualTo("Sam Worker");
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .noneMatch(task -> task.getReferralId().equals(review.getReferralId()));
    }

    @Test
    void aReferralWhoseConsentWasNotSoughtBecauseOfRiskIsNeverReturnedForConsent() {
        TriageTaskCreated review = triage.triage(aValidReferral().aboutChild("NotSought", "9000000210")
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM).build())
                .tasks().get(0);

        assertThatThrownBy(() -> triage.decide(review.getTaskId(), override(OutcomeType.RETURNED_FOR_CONSENT, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("outcome"));
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .as("the task stays open for a safe decision")
                .anyMatch(task -> task.getTaskId().equals(review.getTaskId()));
    }

    @Test
    void earlyHelpWithoutTheReferralsConsentNeedsTheMashToHaveObtainedIt() {
        TriageEvents recommended = returnedForConsent("Unconsented", "9000000211");
        UUID taskId = recommended.tasks().get(0).getTaskId();

        assertThatThrownBy(() -> triage.decide(taskId, override(OutcomeType.EARLY_HELP, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("consentObtained"));

        TriageOutcomeIssued decided = triage.decide(taskId, new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                OutcomeType.EARLY_HELP, null, "Mother agreed on the phone.", false, true, false, false,
                null, null, null));
        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(decided.getReasons().get(0).getExplanation()).endsWith("The MASH has since obtained consent.");
    }

    @Test
    void aWorkerWhoFindsImmediateRiskMakesTheSection47EnquiryImmediate() {
        TriageEvents recommended = returnedForConsent("FoundAtRisk", "9000000212");

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.SECTION_47_ENQUIRY, null,
                        "Police found the child alone at home.", true, false, false, false, null, null, null));

        assertThat(decided.getPriority()).isEqualTo(Priority.IMMEDIATE);
        assertThat(decided.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
    }

    @Test
    void immediateRiskIsRefusedWithAnOutcomeOtherThanChildProtection() {
        TriageEvents recommended = returnedForConsent("RiskAndHelp", "9000000213");

        assertThatThrownBy(() -> triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.SINGLE_AGENCY, null,
                        "School will monitor.", true, false, false, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("immediateRisk"));
    }

    @Test
    void aWorkerDecidingSeesTheChildsOtherReferralsWithWhatWasDecidedAndEachLookIsAudited() {
        UUID fromSchool = triage.triage(aValidReferral().aboutChild("History", "9000000214").from("SCHOOL-0001")
                .build()).outcomes().get(0).getReferralId();
        UUID fromHealth = triage.triage(aValidReferral().aboutChild("History", "9000000214").from("HEALTH-0001")
                .build()).outcomes().get(0).getReferralId();
        TriageTaskCreated review = triage.triage(aValidReferral().aboutChild("History", "9000000214")
                .from("POLICE-0001").withIndicators("POOR_SCHOOL_ATTENDANCE").build()).tasks().get(0);

        WorkerDecisions.TaskForDecision opened = triage.decisions().openForDecision(review.getTaskId(),
                TriageOverPostgres.WORKER);

        assertThat(opened.otherReferrals()).extracting(TriageOutcomeIssued::getReferralId)
                .containsExactlyInAnyOrder(fromSchool, fromHealth);
        assertThat(opened.otherReferrals()).extracting(other -> other.getReferral().getReferrer().getAgencyCode())
                .containsExactlyInAnyOrder("SCHOOL-0001", "HEALTH-0001");
        assertThat(triage.audited("CHILD_HISTORY_VIEWED")).contains(fromSchool, fromHealth);
    }

    @Test
    void aWorkerOpeningATaskAColleagueHasOpenedIsToldWhoHasItInHandAndMayStillDecideIt() {
        TriageTaskCreated task = returnedForConsent("Inhand", "9000000215").tasks().get(0);
        triage.decisions().openForDecision(task.getTaskId(), "mash-worker-2");

        WorkerDecisions.TaskForDecision opened = triage.decisions().openForDecision(task.getTaskId(),
                TriageOverPostgres.WORKER);

        assertThat(opened.inOtherHands()).map(TaskInHand::worker).contains("mash-worker-2");
        assertThat(triage.decisions().inOtherHands("mash-worker-2")).as("now in the other worker's hands")
                .extractingByKey(task.getTaskId()).extracting(TaskInHand::worker).isEqualTo(TriageOverPostgres.WORKER);
        assertThat(triage.decisions().inOtherHands(TriageOverPostgres.WORKER)).doesNotContainKey(task.getTaskId());
        assertThat(triage.decide(task.getTaskId(), override(OutcomeType.SECTION_47_ENQUIRY, null)))
                .as("a notice, not a lock").isNotNull();
        assertThat(triage.decisions().inOtherHands("mash-worker-2")).as("decided, so no longer in anyone's hands")
                .doesNotContainKey(task.getTaskId());
    }

    @Test
    void aWorkerReopeningTheirOwnTaskIsNotWarnedAboutThemselves() {
        TriageTaskCreated task = returnedForConsent("Reopened", "9000000216").tasks().get(0);
        triage.decisions().openForDecision(task.getTaskId(), TriageOverPostgres.WORKER);

        assertThat(triage.decisions().openForDecision(task.getTaskId(), TriageOverPostgres.WORKER).inOtherHands())
                .isEmpty();
    }

    @Test
    void aSection47RecommendationIsNotReturnedForConsentUnlessTheMashFindsNoRiskOfSignificantHarm() {
        TriageEvents recommended = significantHarmWithoutConsent("Withdrawn", "9000000217");
        UUID taskId = recommended.tasks().get(0).getTaskId();

        assertThatThrownBy(() -> triage.decide(taskId, override(OutcomeType.RETURNED_FOR_CONSENT, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("noSignificantHarm"));
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .as("the task stays open for a safe decision").anyMatch(task -> task.getTaskId().equals(taskId));
        assertThat(triage.latestOutcome(recommended.outcomes().get(0).getReferralId()).getOutcomeVersion())
                .as("no superseding outcome stored").isEqualTo(1);
    }

    @Test
    void aSection47RecommendationIsReturnedForConsentWhenTheMashFindsNoRiskOfSignificantHarmAndSaysSo() {
        TriageEvents recommended = significantHarmWithoutConsent("NoHarm", "9000000218");
        UUID referralId = recommended.outcomes().get(0).getReferralId();

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.RETURNED_FOR_CONSENT, null,
                        "The bruise was explained by the GP's records.", false, false, true, false, null, null, null));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.RETURNED_FOR_CONSENT);
        assertThat(decided.getReasons().get(0).getExplanation())
                .endsWith("The MASH found no risk of significant harm.");
        assertThat(triage.audited("OUTCOME_OVERRIDDEN", referralId)).singleElement(as(STRING))
                .endsWith("The MASH found no risk of significant harm.");
    }

    @Test
    void aReferralIsNotReturnedForConsentTheMashHasObtained() {
        TriageEvents recommended = triage.triage(aValidReferral().aboutChild("Consenting", "9000000219")
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.NOT_SOUGHT).build());

        assertThatThrownBy(() -> triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.RETURNED_FOR_CONSENT, null,
                        "After checks with partners.", false, true, false, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("outcome"));
    }

    @Test
    void aWorkerMayStillWithdrawASection47RecommendationToAnotherOutcomeWithAReason() {
        TriageEvents recommended = significantHarmWithoutConsent("Stepped", "9000000220");

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                override(OutcomeType.SINGLE_AGENCY, LevelOfNeed.LEVEL_1));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.SINGLE_AGENCY);
    }

    @Test
    void immediateRiskAndNoRiskOfSignificantHarmCannotBothBeFound() {
        TriageEvents recommended = significantHarmWithoutConsent("Contradicted", "9000000221");

        assertThatThrownBy(() -> triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null, "After checks with partners.", true,
                        false, true, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("noSignificantHarm"));
    }

    @Test
    void earlyHelpForAGillickCompetentYoungPersonIsNotConfirmedWithoutTheirOwnConsent() {
        TriageEvents recommended = triage.triage(aGillickCompetentYoungPerson("Unasked", "9000000222")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        assertThat(recommended.outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        UUID taskId = recommended.tasks().get(0).getTaskId();
        UUID referralId = recommended.outcomes().get(0).getReferralId();

        assertThatThrownBy(() -> triage.decide(taskId, new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null,
                "The parents are keen on Early Help.", false, false, false, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .singleElement().satisfies(problem -> {
                            assertThat(problem.field()).isEqualTo("youngPersonConsents");
                            assertThat(problem.message()).contains("the young person's own consent");
                        }));
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .as("the task stays open for a safe decision").anyMatch(task -> task.getTaskId().equals(taskId));
        assertThat(triage.latestOutcome(referralId).getOutcomeVersion()).as("no superseding outcome stored")
                .isEqualTo(1);
        assertThat(triage.audited("OUTCOME_CONFIRMED", referralId)).isEmpty();
    }

    @Test
    void earlyHelpIsConfirmedForAGillickCompetentYoungPersonWhoConsentsAndTheReasonSaysSo() {
        TriageEvents recommended = triage.triage(aGillickCompetentYoungPerson("Agreed", "9000000223")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        UUID referralId = recommended.outcomes().get(0).getReferralId();

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null,
                        "She agreed to Early Help when the MASH spoke to her alone.", false, false, false, true,
                        null, null, null));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(decided.getReasons().get(0).getExplanation())
                .endsWith("The young person has given their own consent.");
        assertThat(triage.audited("OUTCOME_CONFIRMED", referralId)).singleElement(as(STRING))
                .endsWith("The young person has given their own consent.");
    }

    @Test
    void theParentsConsentDoesNotOverrideAGillickCompetentYoungPersonsRefusal() {
        TriageEvents recommended = triage.triage(aGillickCompetentYoungPerson("Declined", "9000000224")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").withConsent(ConsentStatus.REFUSED).build());
        assertThat(recommended.outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.RETURNED_FOR_CONSENT);
        UUID taskId = recommended.tasks().get(0).getTaskId();

        for (OutcomeType outcome : List.of(OutcomeType.EARLY_HELP, OutcomeType.SECTION_17_ASSESSMENT)) {
            assertThatThrownBy(() -> triage.decide(taskId, new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                    outcome, null, "The parents agreed when the MASH called them.", false, true, false, false,
                    null, null, null)))
                    .as(outcome.name())
                    .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                            .extracting(DecisionRefusedException.Problem::field)
                            .containsExactly("youngPersonConsents"));
        }
        assertThat(triage.latestOutcome(recommended.outcomes().get(0).getReferralId()).getOutcome())
                .isEqualTo(OutcomeType.RETURNED_FOR_CONSENT);
    }

    @Test
    void aSection47EnquiryForAGillickCompetentYoungPersonNeedsNoFindingOfTheirConsent() {
        TriageEvents recommended = triage.triage(aGillickCompetentYoungPerson("Protected", "9000000225")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withConsent(ConsentStatus.REFUSED).build());
        assertThat(recommended.outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null, "After checks with partners.", false,
                        false, false, false, null, null, null));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
    }

    @Test
    void aReferralNotSayingTheYoungPersonIsGillickCompetentNeedsNoFindingOfTheirConsent() {
        TriageEvents recommended = triage.triage(aValidReferral().aboutChild("NotCompetent", "9000000226")
                .gillickCompetent(false, null).withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED)
                .build());

        TriageOutcomeIssued decided = triage.decide(recommended.tasks().get(0).getTaskId(),
                new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.SECTION_17_ASSESSMENT, null,
                        "The parents agreed when the MASH called them.", false, true, false, false, null, null, null));

        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);
    }

    @Test
    void writtenFollowUpNeverStepsDownAWorkersDecision() {
        ReferralReceived call = received(aValidReferral().aboutChild("Decided", "9000000227").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        TriageOutcomeIssued decided = triage.decide(confirmation.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.OVERRIDE, OutcomeType.SECTION_47_ENQUIRY, null,
                "Police found the child alone at home.", true, false, false, false, null, null, null));

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("Decided",
                "9000000227").withIndicators("FAMILY_BREAKDOWN").build(), WRITTEN));

        assertThat(followedUp.outcomes()).as("a section 17 assessment, more than the call's return for consent, is "
                + "less than the worker's section 47 enquiry").isEmpty();
        assertThat(triage.latestOutcome(call.getReferralId())).isEqualTo(decided);
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);
            assertThat(task.getRecommendedOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);
            assertThat(task.getPriority()).as("the decision's, not the recommendation's urgent")
                    .isEqualTo(Priority.IMMEDIATE);
        });
    }

    @Test
    void workerDecidingAfterAWrittenFollowUpDecidesOnTheWrittenReferral() {
        ReferralReceived call = received(aValidReferral().aboutChild("Written", "9000000228").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        assertThat(triage.triage(call).outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        ReferralSubmitted written = aValidReferral().aboutChild("Written", "9000000228").withIndicators(
                "POOR_SCHOOL_ATTENDANCE").withConsent(ConsentStatus.REFUSED).concerning("In writing: the parents have "
                        + "withdrawn their consent since the call.").build();
        TriageTaskCreated reading = triage.triage(writtenFollowUp(call, written, WRITTEN)).tasks().get(0);
        assertThat(reading.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);

        assertThatThrownBy(() -> triage.decide(reading.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.CONFIRM, null, null, "Early Help as decided.", false, false, false, false,
                null, null, null)))
                .as("consent as the written follow-up gives it, not as the call did")
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("consentObtained"));
        TriageOutcomeIssued decided = triage.decide(reading.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.CONFIRM, null, null, "Mother agreed again when the MASH called.", false, true,
                false, false, null, null, null));

        assertThat(decided.getOutcomeVersion()).isEqualTo(2);
        assertThat(decided.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(decided.getReferral()).as("the referral as the MASH now knows it").isEqualTo(written);
    }

    @Test
    void immediateRiskReportedOnTheTelephoneStandsThoughTheWrittenFollowUpLeavesItOut() {
        ReferralReceived call = received(aValidReferral().aboutChild("Unsaid", "9000000229").byTelephone()
                .withImmediateRiskOfSignificantHarm().withIndicators("FAMILY_BREAKDOWN").build());
        triage.triage(call);
        TriageTaskCreated reading = triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("Unsaid",
                "9000000229").withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build(), WRITTEN))
                .tasks().get(0);

        assertThatThrownBy(() -> triage.decide(reading.getTaskId(), override(OutcomeType.RETURNED_FOR_CONSENT, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("outcome"));
        assertThat(triage.decide(reading.getTaskId(), override(OutcomeType.SECTION_47_ENQUIRY, null)).getPriority())
                .as("immediate, from the call").isEqualTo(Priority.IMMEDIATE);
    }

    @Test
    void aWorkerOpeningATaskSeesTheWrittenFollowUpBesideTheCallAsRecordedAndTheLookIsAudited() {
        ReferralSubmitted telephoned = aValidReferral().aboutChild("Opened", "9000000230").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").build();
        ReferralReceived call = received(telephoned);
        triage.triage(call);
        ReferralSubmitted written = aValidReferral().aboutChild("Opened", "9000000230")
                .withIndicators("FAMILY_BREAKDOWN").build();
        TriageTaskCreated reading = triage.triage(writtenFollowUp(call, written, WRITTEN)).tasks().get(0);

        WorkerDecisions.TaskForDecision opened = triage.decisions().openForDecision(reading.getTaskId(),
                TriageOverPostgres.WORKER);

        assertThat(opened.referral().asFirstReceived()).isEqualTo(telephoned);
        assertThat(opened.referral().writtenFollowUp()).hasValueSatisfying(followUp -> {
            assertThat(followUp.referral()).isEqualTo(written);
            assertThat(followUp.receivedAt()).isEqualTo(WRITTEN);
            assertThat(followUp.triagedAsFirstVersion()).isFalse();
        });
        assertThat(triage.audited("TASK_OPENED", call.getReferralId())).singleElement(as(STRING))
                .contains("REVIEW_WRITTEN_FOLLOW_UP", "with the written follow-up received " + WRITTEN);
    }

    @Test
    void aDecisionFromAPageOpenedBeforeAWrittenFollowUpRaisedASection47IsRefusedAndItsReviewStaysOpen() {
        ReferralReceived call = received(aGillickCompetentYoungPerson("Stale", "9000000231").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        ReferralAsShown opened = triage.decisions().openForDecision(confirmation.getTaskId(),
                TriageOverPostgres.WORKER).shown();
        TriageTaskCreated review = triage.triage(writtenFollowUp(call, aGillickCompetentYoungPerson("Stale",
                "9000000231").withIndicators("POOR_SCHOOL_ATTENDANCE").withImmediateRiskOfSignificantHarm().build(),
                WRITTEN)).tasks().get(0);
        assertThat(review.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);

        assertThatThrownBy(() -> triage.decide(confirmation.getTaskId(), earlyHelpTheYoungPersonAgreedTo(), opened))
                .isInstanceOfSatisfying(ReferralChangedException.class, changed -> assertThat(changed.problems())
                        .allSatisfy(problem -> assertThat(problem.message()).isEqualTo("The referral has changed "
                                + "since you opened this task: open it again"))
                        .extracting(DecisionRefusedException.Problem::field)
                        .containsExactly("outcomeVersion", "writtenFollowUpSeen"));

        assertThat(triage.latestOutcome(call.getReferralId())).satisfies(standing -> {
            assertThat(standing.getOutcomeVersion()).isEqualTo(2);
            assertThat(standing.getOutcome()).as("child protection not withdrawn")
                    .isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        });
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER)).extracting(TriageTaskCreated::getTaskId)
                .as("the review not closed unread").contains(review.getTaskId(), confirmation.getTaskId());
        ReferralAsShown openedAgain = triage.decisions().openForDecision(confirmation.getTaskId(),
                TriageOverPostgres.WORKER).shown();
        assertThat(openedAgain).isEqualTo(new ReferralAsShown(2, true, false));
        assertThat(triage.decide(confirmation.getTaskId(), new WorkerDecision(WorkerDecision.Decision.CONFIRM, null,
                null, "Read the written follow-up: the enquiry goes ahead.", false, false, false, false, null, null,
                null), openedAgain).getOutcomeVersion()).isEqualTo(3);
    }

    @Test
    void aDecisionThatDidNotSeeAWrittenFollowUpIssuingNoVersionIsRefused() {
        ReferralReceived call = received(aValidReferral().aboutChild("Unread", "9000000232").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        ReferralAsShown opened = triage.decisions().openForDecision(confirmation.getTaskId(),
                TriageOverPostgres.WORKER).shown();
        assertThat(triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("Unread", "9000000232")
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build(), WRITTEN)).outcomes())
                .isEmpty();

        assertThatThrownBy(() -> triage.decide(confirmation.getTaskId(), override(OutcomeType.SINGLE_AGENCY, null),
                opened))
                .isInstanceOfSatisfying(ReferralChangedException.class, changed -> assertThat(changed.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("writtenFollowUpSeen"));
        assertThat(triage.latestOutcome(call.getReferralId()).getOutcomeVersion()).isEqualTo(1);
    }

    @Test
    void aWorkerDecidingWhileAWrittenFollowUpIsTriagedOnAnotherInstanceIsToldTheReferralChanged() {
        ReferralReceived call = received(aGillickCompetentYoungPerson("Racing", "9000000233").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        ReferralAsShown opened = triage.decisions().openForDecision(confirmation.getTaskId(),
                TriageOverPostgres.WORKER).shown();
        AtomicReference<CompletableFuture<TriageOutcomeIssued>> decision = new AtomicReference<>();

        triage.triageCommittingAfter(writtenFollowUp(call, aGillickCompetentYoungPerson("Racing", "9000000233")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").withImmediateRiskOfSignificantHarm().build(), WRITTEN),
                () -> {
                    decision.set(CompletableFuture.supplyAsync(() -> triage.decide(confirmation.getTaskId(),
                            earlyHelpTheYoungPersonAgreedTo(), opened)));
                    triage.awaitAnotherTransactionWaitingForALock();
                });

        assertThatThrownBy(() -> decision.get().join()).as("waited for the written follow-up, then refused")
                .hasCauseInstanceOf(ReferralChangedException.class);
        assertThat(triage.outcomeStatuses(call.getReferralId())).containsExactly("v1 SUPERSEDED", "v2 PROVISIONAL");
    }

    @Test
    void consentNotSoughtBecauseOfRiskOnTheTelephoneStandsThoughTheWrittenFollowUpSaysItWasRefused() {
        ReferralReceived call = received(aValidReferral().aboutChild("Unsought", "9000000234").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM).build());
        assertThat(triage.triage(call).outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        TriageTaskCreated reading = triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("Unsought",
                "9000000234").withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build(), WRITTEN))
                .tasks().get(0);

        assertThatThrownBy(() -> triage.decide(reading.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.OVERRIDE, OutcomeType.RETURNED_FOR_CONSENT, null, "Parents should be asked.",
                false, false, true, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("outcome"));
    }

    @Test
    void aYoungPersonCalledGillickCompetentOnTheTelephoneNeedsTheirOwnConsentThoughTheWrittenFollowUpIsSilent() {
        ReferralReceived call = received(aGillickCompetentYoungPerson("Silent", "9000000235").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(call);
        TriageTaskCreated reading = triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("Silent",
                "9000000235").bornOn(LocalDate.of(2011, 6, 1)).withIndicators("POOR_SCHOOL_ATTENDANCE").build(),
                WRITTEN)).tasks().get(0);

        assertThatThrownBy(() -> triage.decide(reading.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.CONFIRM, null, null, "Early Help as recommended.", false, false, false, false,
                null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("youngPersonConsents"));
    }

    @Test
    void immediateRiskReportedOnACallThatArrivedAfterItsWrittenFollowUpStopsAReturnForConsent() {
        ReferralReceived call = received(aValidReferral().aboutChild("LateRisk", "9000000236").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED)
                .withImmediateRiskOfSignificantHarm().build());
        TriageTaskCreated confirmation = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("LateRisk", "9000000236").withIndicators("FAMILY_BREAKDOWN")
                .withConsent(ConsentStatus.REFUSED).build(), WRITTEN)).tasks().get(0);
        triage.triage(call);

        assertThatThrownBy(() -> triage.decide(confirmation.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.OVERRIDE, OutcomeType.RETURNED_FOR_CONSENT, null, "Parents should be asked.",
                false, false, true, false, null, null, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, refused -> assertThat(refused.problems())
                        .extracting(DecisionRefusedException.Problem::field).containsExactly("outcome"));
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

    /** Suspected abuse the family has not consented to share: a section 47 enquiry, for a worker to review. */
    private static TriageEvents significantHarmWithoutConsent(String familyName, String nhsNumber) {
        TriageEvents recommended = triage.triage(aValidReferral().aboutChild(familyName, nhsNumber)
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withConsent(ConsentStatus.REFUSED).build());
        assertThat(recommended.outcomes().get(0).getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(recommended.tasks().get(0).getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
        return recommended;
    }

    private static TriageEvents collatedLevel2Concerns(String familyName, String nhsNumber) {
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("HEALTH-0001").build());
        return triage.triage(aValidReferral().aboutChild(familyName, nhsNumber).from("POLICE-0001")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
    }

    /** A 15-year-old the referrer says is Gillick competent, whose parents consent unless told otherwise. */
    private static Submissions aGillickCompetentYoungPerson(String familyName, String nhsNumber) {
        return aValidReferral().aboutChild(familyName, nhsNumber).bornOn(LocalDate.of(2011, 6, 1))
                .gillickCompetent(true, "I want help with school, not with home.");
    }

    private static WorkerDecision earlyHelpTheYoungPersonAgreedTo() {
        return new WorkerDecision(WorkerDecision.Decision.OVERRIDE, OutcomeType.EARLY_HELP, null,
                "She agreed to Early Help when the MASH spoke to her alone.", false, false, false, true, null, null,
                null);
    }

    private static WorkerDecision override(OutcomeType outcome, LevelOfNeed level) {
        return new WorkerDecision(WorkerDecision.Decision.OVERRIDE, outcome, level, "After checks with partners.",
                false, false, false, false, null, null, null);
    }
}
