package uk.mash.triage.decisions;

import io.swagger.v3.oas.annotations.media.Schema;

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
 * @param outcomeVersion the referral's outcome version the worker decided on, as the task showed it; required
 * @param writtenFollowUpSeen the worker was shown the referral's written follow-up
 * @param lateCallSeen the worker was shown the telephone referral as recorded that reached triage after its written
 *     follow-up
 */
public record WorkerDecision(Decision decision, OutcomeType outcome, LevelOfNeed levelOfNeed, String reason,
        Boolean immediateRisk, Boolean consentObtained, Boolean noSignificantHarm, Boolean youngPersonConsents,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The referral's outcome version you "
                + "decided on, as the task showed it (GET /api/v1/tasks, outcomeVersion). A decision on an older "
                + "version is refused with 409: the referral has changed since, and what changed must be read first.")
        Integer outcomeVersion,
        @Schema(defaultValue = "false", description = "You were shown the referral's written follow-up (GET "
                + "/api/v1/tasks, writtenFollowUp). A decision on a referral with a written follow-up that was not "
                + "shown is refused with 409.")
        Boolean writtenFollowUpSeen,
        @Schema(defaultValue = "false", description = "You were shown the telephone referral as recorded that reached "
                + "triage after its written follow-up (GET /api/v1/tasks, lateCall). A decision on such a referral "
                + "that was not shown it is refused with 409.")
        Boolean lateCallSeen) {

    /** A finding left out of a request is not found, and what was not said to be shown was not: never null. */
    public WorkerDecision {
        immediateRisk = Boolean.TRUE.equals(immediateRisk);
        consentObtained = Boolean.TRUE.equals(consentObtained);
        noSignificantHarm = Boolean.TRUE.equals(noSignificantHarm);
        youngPersonConsents = Boolean.TRUE.equals(youngPersonConsents);
        writtenFollowUpSeen = Boolean.TRUE.equals(writtenFollowUpSeen);
        lateCallSeen = Boolean.TRUE.equals(lateCallSeen);
    }

    /** Long enough for a reason in a worker's own words; the outcome event carries it to every service. */
    public static final int REASON_MAX_LENGTH = 2000;

    public enum Decision {
        CONFIRM, OVERRIDE
    }
}
