package uk.mash.triage.decisions;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;

/**
 * A MASH worker's decision on a recommendation, as the console sends it.
 *
 * @param decision CONFIRM the recommendation, or OVERRIDE it with another outcome
 * @param outcome for an override, the outcome the worker decides
 * @param levelOfNeed for an override, the level of need the worker decides (the recommendation's when not given)
 * @param reason why, in the worker's words; recorded on the outcome and in the audit trail
 * @param immediateRisk the MASH found immediate risk of significant harm, whatever the referrer said: a section 47
 *     enquiry (or the allocated social worker's referral) becomes immediate
 * @param consentObtained the MASH has since obtained the consent of the parents or carers that the referral lacked,
 *     which Early Help and a section 17 assessment need
 * @param noSignificantHarm the MASH found no risk of significant harm to the child, which a section 47
 *     recommendation needs before it may be returned to the referrer for consent
 * @param youngPersonConsents the young person, whom the referrer says is Gillick competent, has given their own
 *     consent, which Early Help and a section 17 assessment for them need besides that of the parents or carers
 */
public record WorkerDecision(Decision decision, OutcomeType outcome, LevelOfNeed levelOfNeed, String reason,
        Boolean immediateRisk, Boolean consentObtained, Boolean noSignificantHarm, Boolean youngPersonConsents) {

    /** A finding left out of a request is not found: never null. */
    public WorkerDecision {
        immediateRisk = Boolean.TRUE.equals(immediateRisk);
        consentObtained = Boolean.TRUE.equals(consentObtained);
        noSignificantHarm = Boolean.TRUE.equals(noSignificantHarm);
        youngPersonConsents = Boolean.TRUE.equals(youngPersonConsents);
    }

    /** Long enough for a reason in a worker's own words; the outcome event carries it to every service. */
    public static final int REASON_MAX_LENGTH = 2000;

    public enum Decision {
        CONFIRM, OVERRIDE
    }
}
