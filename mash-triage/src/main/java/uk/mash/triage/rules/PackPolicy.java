package uk.mash.triage.rules;

import java.util.Map;
import java.util.Set;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;

/**
 * Which of the rules' recommendations stand without a MASH worker. Anything not listed is provisional until a worker
 * confirms or overrides it; a pack that says nothing confirms nothing on its own.
 *
 * @param confirmsWithoutWorker for each outcome, the levels of need at which it stands on the rules alone
 */
public record PackPolicy(Map<OutcomeType, Set<LevelOfNeed>> confirmsWithoutWorker) {

    public PackPolicy {
        confirmsWithoutWorker = Map.copyOf(confirmsWithoutWorker);
    }

    public boolean confirmsWithoutWorker(OutcomeType outcome, LevelOfNeed level) {
        return confirmsWithoutWorker.getOrDefault(outcome, Set.of()).contains(level);
    }
}
