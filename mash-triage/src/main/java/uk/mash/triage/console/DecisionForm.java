package uk.mash.triage.console;

import java.util.ArrayList;
import java.util.List;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.platform.security.FormNotSent;
import uk.mash.triage.decisions.ReferralAsShown;
import uk.mash.triage.decisions.WorkerDecision;

/**
 * The decision form as posted: confirm the recommendation, or override it with an outcome (and, if the worker wants,
 * a level of need), always with a reason. Values arrive as text so that anything a browser sends can be answered
 * with a GOV.UK error message rather than a binding failure.
 *
 * @param decision CONFIRM or OVERRIDE
 * @param outcome for an override, one of {@link #OVERRIDE_OUTCOMES}
 * @param levelOfNeed for an override, a level, or empty to keep the recommendation's
 * @param reason why, in the worker's words
 * @param immediateRisk "true" when the MASH found immediate risk of significant harm
 * @param consentObtained "true" when the MASH has since obtained the consent the referral lacked
 * @param noSignificantHarm "true" when the MASH found no risk of significant harm to the child
 * @param youngPersonConsents "true" when the Gillick competent young person has given their own consent
 * @param outcomeVersion the outcome version the page showed, sent hidden
 * @param writtenFollowUpSeen "true" when the page showed the written follow-up, sent hidden
 * @param lateCallSeen "true" when the page showed a telephone referral that reached triage after its written
 *        follow-up, sent hidden
 */
record DecisionForm(String decision, String outcome, String levelOfNeed, String reason, String immediateRisk,
        String consentObtained, String noSignificantHarm, String youngPersonConsents, String outcomeVersion,
        String writtenFollowUpSeen, String lateCallSeen) {

    /** A referral goes to an allocated social worker only from the case registry, never by override. */
    static final List<OutcomeType> OVERRIDE_OUTCOMES = List.of(OutcomeType.SINGLE_AGENCY, OutcomeType.EARLY_HELP,
            OutcomeType.SECTION_17_ASSESSMENT, OutcomeType.SECTION_47_ENQUIRY, OutcomeType.RETURNED_FOR_CONSENT);

    static DecisionForm empty() {
        return new DecisionForm(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The form as it was posted after the worker's session ended, to be checked and sent again. */
    static DecisionForm of(FormNotSent notSent) {
        return new DecisionForm(notSent.field("decision"), notSent.field("outcome"), notSent.field("levelOfNeed"),
                notSent.field("reason"), notSent.field("immediateRisk"), notSent.field("consentObtained"),
                notSent.field("noSignificantHarm"), notSent.field("youngPersonConsents"),
                notSent.field("outcomeVersion"), notSent.field("writtenFollowUpSeen"), notSent.field("lateCallSeen"));
    }

    /** What is wrong with the form, in the order the fields appear on the page; empty when it can be decided. */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        WorkerDecision.Decision chosen = decisionOrNull();
        if (chosen == null) {
            problems.add(new FieldProblem("decision", "Select whether you confirm or override the recommendation"));
        }
        if (chosen == WorkerDecision.Decision.OVERRIDE && outcomeOrNull() == null) {
            problems.add(new FieldProblem("outcome", "Select the outcome you decide instead of the recommendation"));
        }
        if (chosen == WorkerDecision.Decision.CONFIRM && (!blank(outcome) || !blank(levelOfNeed))) {
            problems.add(new FieldProblem("outcome",
                    "Do not select an outcome or level when you confirm the recommendation, or select override"));
        }
        if (chosen == WorkerDecision.Decision.OVERRIDE && !blank(levelOfNeed) && levelOrNull() == null) {
            problems.add(new FieldProblem("levelOfNeed", "Select a level of need from the list"));
        }
        if (blank(reason)) {
            problems.add(new FieldProblem("reason", "Enter the reason for your decision"));
        }
        else if (reason.strip().length() > WorkerDecision.REASON_MAX_LENGTH) {
            problems.add(new FieldProblem("reason",
                    "The reason must be " + WorkerDecision.REASON_MAX_LENGTH + " characters or fewer"));
        }
        return problems;
    }

    /** The decision for {@code WorkerDecisions}; only for a form without problems. */
    WorkerDecision toDecision() {
        WorkerDecision.Decision chosen = decisionOrNull();
        boolean override = chosen == WorkerDecision.Decision.OVERRIDE;
        return new WorkerDecision(chosen, override ? outcomeOrNull() : null, override ? levelOrNull() : null,
                reason.strip(), "true".equals(immediateRisk), "true".equals(consentObtained),
                "true".equals(noSignificantHarm), "true".equals(youngPersonConsents), outcomeVersionOrNull(),
                "true".equals(writtenFollowUpSeen), "true".equals(lateCallSeen));
    }

    /**
     * What the page the form was sent from did not show of the referral as it is now, each a problem linking to
     * what changed on the page: the worker reads it before deciding again. A form from a page that named no outcome
     * version showed an older referral, whatever it was.
     */
    List<FieldProblem> changedSince(ReferralAsShown now) {
        return now.unseenBy(outcomeVersionOrNull(), "true".equals(writtenFollowUpSeen), "true".equals(lateCallSeen))
                .stream().map(change -> switch (change) {
                    case OUTCOME_VERSION -> new FieldProblem("recommendation", "The referral has changed since you "
                            + "opened this task: read the recommendation and the outcome issued so far again before "
                            + "you decide");
                    case WRITTEN_FOLLOW_UP -> new FieldProblem("written-follow-up", "The written follow-up arrived "
                            + "after you opened this task: read it before you decide");
                    case LATE_CALL -> new FieldProblem("referral", "The telephone referral as recorded arrived after "
                            + "you opened this task: read it before you decide");
                }).toList();
    }

    private Integer outcomeVersionOrNull() {
        try {
            return outcomeVersion == null ? null : Integer.valueOf(outcomeVersion.strip());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private WorkerDecision.Decision decisionOrNull() {
        for (WorkerDecision.Decision value : WorkerDecision.Decision.values()) {
            if (value.name().equals(decision)) {
                return value;
            }
        }
        return null;
    }

    private OutcomeType outcomeOrNull() {
        return OVERRIDE_OUTCOMES.stream().filter(value -> value.name().equals(outcome)).findFirst().orElse(null);
    }

    private LevelOfNeed levelOrNull() {
        for (LevelOfNeed value : LevelOfNeed.values()) {
            if (value.name().equals(levelOfNeed)) {
                return value;
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A field at fault and what to do about it, as the GOV.UK error summary and the field's error message say it. */
    record FieldProblem(String field, String message) {
    }
}
