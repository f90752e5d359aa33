package uk.mash.triage.rules;

import java.util.List;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * What the threshold rules recommend, why, and whether a MASH worker must confirm it before it stands.
 */
public record Recommendation(OutcomeType outcome, LevelOfNeed level, Priority priority, List<DecisionReason> reasons,
        boolean needsWorker, String identifiedOrganisation) {
}
