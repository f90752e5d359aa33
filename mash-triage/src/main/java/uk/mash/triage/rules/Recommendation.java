package uk.mash.triage.rules;

import java.util.List;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * What the threshold rules recommend, why, whether it stands on the rules alone, and whether a MASH worker must look
 * at it.
 *
 * @param outcome the recommended outcome
 * @param level the level of need
 * @param priority how soon people must act
 * @param reasons every rule that fired, the facts it matched and the guidance it cites
 * @param standsWithoutWorker whether the recommendation is confirmed by the rules; otherwise it is provisional until
 *        a MASH worker confirms or overrides it
 * @param needsWorker whether a MASH worker is given a task to confirm, override or review it
 * @param identifiedOrganisation for a single agency referral, the organisation it goes to
 * @param collatedConcerns whether concerns from several agencies about the child were taken together
 */
public record Recommendation(OutcomeType outcome, LevelOfNeed level, Priority priority, List<DecisionReason> reasons,
        boolean standsWithoutWorker, boolean needsWorker, String identifiedOrganisation, boolean collatedConcerns) {

    public Recommendation {
        reasons = List.copyOf(reasons);
    }
}
