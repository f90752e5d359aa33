package uk.mash.triage.rules;

import java.util.List;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * What the threshold rules recommend, why, and whether a MASH worker must confirm it before it stands.
 *
 * @param outcome the recommended outcome
 * @param level the level of need
 * @param priority how soon people must act
 * @param reasons every rule that fired, the facts it matched and the guidance it cites
 * @param needsWorker whether the recommendation is provisional until a MASH worker confirms or overrides it
 * @param identifiedOrganisation for a single agency referral, the organisation it goes to
 * @param collatedConcerns whether concerns from several agencies about the child were taken together
 */
public record Recommendation(OutcomeType outcome, LevelOfNeed level, Priority priority, List<DecisionReason> reasons,
        boolean needsWorker, String identifiedOrganisation, boolean collatedConcerns) {

    public Recommendation {
        reasons = List.copyOf(reasons);
    }
}
