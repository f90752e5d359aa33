package uk.mash.triage.decisions;

import uk.mash.events.DeciderKind;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.triage.rules.Recommendation;

/**
 * What a later account of a referral ({@link LaterAccount}) issues besides its MASH worker's task, against the
 * referral's latest outcome version.
 */
enum NextVersion {

    /** Nothing: what stands stands until a MASH worker has read the account. */
    NONE,

    /** The rules' recommendation on the account. */
    RECOMMENDED,

    /** The MASH worker's outcome as it stands, at the recommendation's higher priority. */
    PRIORITY_RAISED;

    /**
     * Over the rules' own outcome, the recommendation when it is more serious ({@link Seriousness}). Over a MASH
     * worker's decision the rules do not replace the worker's outcome: they only raise its priority, which the router
     * escalates on the same queue, since a worker who stepped a section 47 enquiry down has read what a reworded
     * account repeats, and one who confirmed a section 47 enquiry keeps the child in child protection whatever team
     * the rules would name. Except that immediate risk of significant harm must reach child protection at once (seed
     * 002, "intervention under Section 47 of the Children Act may be required for those children who are at immediate
     * risk of significant harm"): a recommendation taking it there is issued over a worker's outcome that does not.
     * A referral a worker returned for consent is not a decision about the child's needs but a wait for the referrer:
     * an account that goes beyond it (consent not sought because seeking it would put the child at risk, say) is
     * issued as the rules recommend it, never as the return again at a raised priority, which would send the referrer
     * back to carers who may be the risk.
     */
    static NextVersion after(TriageOutcomeIssued latest, Recommendation recommendation) {
        Seriousness standing = Seriousness.of(latest.getOutcome(), latest.getPriority());
        Seriousness recommended = Seriousness.of(recommendation.outcome(), recommendation.priority());
        if (latest.getDecidedBy().getKind() != DeciderKind.WORKER
                || latest.getOutcome() == OutcomeType.RETURNED_FOR_CONSENT) {
            return recommended.isAbove(standing) ? RECOMMENDED : NONE;
        }
        if (recommended.isChildProtection() && recommendation.priority() == Priority.IMMEDIATE
                && !standing.isChildProtection()) {
            return RECOMMENDED;
        }
        return recommendation.priority().compareTo(latest.getPriority()) > 0 ? PRIORITY_RAISED : NONE;
    }
}
