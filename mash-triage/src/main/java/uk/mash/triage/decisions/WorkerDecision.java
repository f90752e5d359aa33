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
 */
public record WorkerDecision(Decision decision, OutcomeType outcome, LevelOfNeed levelOfNeed, String reason) {

    public enum Decision {
        CONFIRM, OVERRIDE
    }
}
