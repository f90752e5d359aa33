package uk.mash.triage.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.triage.decisions.ReferralAsShown;
import uk.mash.triage.decisions.WorkerDecision;

class DecisionFormTest {

    @Test
    void anEmptyFormNamesTheDecisionAndTheReason() {
        assertThat(DecisionForm.empty().problems()).extracting(DecisionForm.FieldProblem::field)
                .containsExactly("decision", "reason");
    }

    @Test
    void anOverrideNeedsAnOutcomeAndAReason() {
        assertThat(form("OVERRIDE", null, "", " ").problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome", "reason");
    }

    @Test
    void noOverrideSendsAReferralToAnAllocatedSocialWorker() {
        assertThat(form("OVERRIDE", "ALLOCATED_SOCIAL_WORKER", null, "because").problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome");
    }

    @Test
    void aConfirmationKeepsTheRecommendedOutcomeAndLevel() {
        assertThat(form("CONFIRM", "EARLY_HELP", null, "because").problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome");
        assertThat(form("CONFIRM", null, "", " Agreed after checks. ").toDecision())
                .isEqualTo(new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null, "Agreed after checks.",
                        false, false, false, false, 1, false, false));
    }

    @Test
    void anOverrideMayKeepTheRecommendedLevel() {
        DecisionForm form = form("OVERRIDE", "EARLY_HELP", "", "Early Help is proportionate.");

        assertThat(form.problems()).isEmpty();
        assertThat(form.toDecision()).isEqualTo(new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                OutcomeType.EARLY_HELP, null, "Early Help is proportionate.", false, false, false, false, 1, false,
                false));
        assertThat(form("OVERRIDE", "EARLY_HELP", "LEVEL_2", "x").toDecision().levelOfNeed())
                .isEqualTo(LevelOfNeed.LEVEL_2);
    }

    @Test
    void anUnknownLevelOrAnOverlongReasonIsNamed() {
        assertThat(form("OVERRIDE", "EARLY_HELP", "LEVEL_9", "x".repeat(2001)).problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("levelOfNeed", "reason");
    }

    @Test
    void theMashsFindingsArriveAsTickedCheckboxes() {
        WorkerDecision decision = new DecisionForm("OVERRIDE", "SECTION_47_ENQUIRY", "", "Seen at home today.", "true",
                null, null, null, "1", "false", "false").toDecision();

        assertThat(decision.immediateRisk()).isTrue();
        assertThat(decision.consentObtained()).isFalse();
        assertThat(decision.noSignificantHarm()).isFalse();
        assertThat(decision.youngPersonConsents()).isFalse();
        assertThat(new DecisionForm("OVERRIDE", "RETURNED_FOR_CONSENT", "", "Explained by the GP.", null, null, "true",
                null, "1", "false", "false").toDecision().noSignificantHarm()).isTrue();
        assertThat(new DecisionForm("CONFIRM", null, "", "She agreed when the MASH spoke to her.", null, null, null,
                "true", "1", "false", "false").toDecision().youngPersonConsents()).isTrue();
    }

    @Test
    void whatThePageShowedArrivesHiddenAndTheDecisionNamesIt() {
        WorkerDecision decision = new DecisionForm("CONFIRM", null, "", "Read the written follow-up.", null, null,
                null, null, "2", "true", "false").toDecision();

        assertThat(decision.outcomeVersion()).isEqualTo(2);
        assertThat(decision.writtenFollowUpSeen()).isTrue();
        assertThat(decision.lateCallSeen()).isFalse();
    }

    @Test
    void aFormFromAPageThatShowedLessLinksEachChangeToWhereThePageNowShowsIt() {
        DecisionForm fromAnEarlierPage = form("CONFIRM", null, null, "Early Help as recommended.");

        assertThat(fromAnEarlierPage.changedSince(new ReferralAsShown(2, true, false)))
                .extracting(DecisionForm.FieldProblem::field).containsExactly("recommendation", "written-follow-up");
        assertThat(fromAnEarlierPage.changedSince(new ReferralAsShown(1, false, false))).isEmpty();
        assertThat(new DecisionForm("CONFIRM", null, null, "x", null, null, null, null, null, null, null)
                .changedSince(new ReferralAsShown(1, false, false)))
                .as("a page that named no version showed an older referral")
                .extracting(DecisionForm.FieldProblem::field).containsExactly("recommendation");
    }

    /** A form sent from a page that showed outcome version 1 and no written follow-up. */
    private static DecisionForm form(String decision, String outcome, String levelOfNeed, String reason) {
        return new DecisionForm(decision, outcome, levelOfNeed, reason, null, null, null, null, "1", "false",
                "false");
    }
}
