package uk.mash.triage.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.triage.decisions.WorkerDecision;

class DecisionFormTest {

    @Test
    void anEmptyFormNamesTheDecisionAndTheReason() {
        assertThat(DecisionForm.empty().problems()).extracting(DecisionForm.FieldProblem::field)
                .containsExactly("decision", "reason");
    }

    @Test
    void anOverrideNeedsAnOutcomeAndAReason() {
        assertThat(new DecisionForm("OVERRIDE", null, "", " ", null, null, null, null).problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome", "reason");
    }

    @Test
    void noOverrideSendsAReferralToAnAllocatedSocialWorker() {
        assertThat(new DecisionForm("OVERRIDE", "ALLOCATED_SOCIAL_WORKER", null, "because", null, null, null, null)
                .problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome");
    }

    @Test
    void aConfirmationKeepsTheRecommendedOutcomeAndLevel() {
        assertThat(new DecisionForm("CONFIRM", "EARLY_HELP", null, "because", null, null, null, null).problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("outcome");
        assertThat(new DecisionForm("CONFIRM", null, "", " Agreed after checks. ", null, null, null, null).toDecision())
                .isEqualTo(new WorkerDecision(WorkerDecision.Decision.CONFIRM, null, null, "Agreed after checks.",
                        false, false, false, false));
    }

    @Test
    void anOverrideMayKeepTheRecommendedLevel() {
        DecisionForm form = new DecisionForm("OVERRIDE", "EARLY_HELP", "", "Early Help is proportionate.", null, null,
                null, null);

        assertThat(form.problems()).isEmpty();
        assertThat(form.toDecision()).isEqualTo(new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                OutcomeType.EARLY_HELP, null, "Early Help is proportionate.", false, false, false, false));
        assertThat(new DecisionForm("OVERRIDE", "EARLY_HELP", "LEVEL_2", "x", null, null, null, null).toDecision()
                .levelOfNeed())
                .isEqualTo(LevelOfNeed.LEVEL_2);
    }

    @Test
    void anUnknownLevelOrAnOverlongReasonIsNamed() {
        assertThat(new DecisionForm("OVERRIDE", "EARLY_HELP", "LEVEL_9", "x".repeat(2001), null, null, null, null)
                .problems())
                .extracting(DecisionForm.FieldProblem::field).containsExactly("levelOfNeed", "reason");
    }

    @Test
    void theMashsFindingsArriveAsTickedCheckboxes() {
        WorkerDecision decision = new DecisionForm("OVERRIDE", "SECTION_47_ENQUIRY", "", "Seen at home today.", "true",
                null, null, null).toDecision();

        assertThat(decision.immediateRisk()).isTrue();
        assertThat(decision.consentObtained()).isFalse();
        assertThat(decision.noSignificantHarm()).isFalse();
        assertThat(decision.youngPersonConsents()).isFalse();
        assertThat(new DecisionForm("OVERRIDE", "RETURNED_FOR_CONSENT", "", "Explained by the GP.", null, null, "true",
                null).toDecision().noSignificantHarm()).isTrue();
        assertThat(new DecisionForm("CONFIRM", null, "", "She agreed when the MASH spoke to her.", null, null, null,
                "true").toDecision().youngPersonConsents()).isTrue();
    }
}
