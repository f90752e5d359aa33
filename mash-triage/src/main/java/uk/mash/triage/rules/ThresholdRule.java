package uk.mash.triage.rules;

import java.util.List;
import java.util.Set;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * One rule of a pack. A deciding rule recommends an outcome; an advising rule only adds its explanation (for a MASH
 * worker to weigh) when it fires. Where two deciding rules fire together, the one that {@code overrides} the other
 * decides; the pack's validator refuses rules that could fire together with different outcomes and no override.
 *
 * @param id stable id, quoted in every outcome the rule decides
 * @param explanation why, in words a referrer and a MASH worker understand
 * @param when the conditions
 * @param recommend the outcome a deciding rule recommends; null for an advising rule
 * @param overrides ids of rules this one wins over when both fire ({@code ALL} for every other rule)
 * @param citations the guidance the rule encodes
 */
public record ThresholdRule(String id, String explanation, RuleConditions when, Recommends recommend,
        Set<String> overrides, List<Citation> citations) {

    public static final String ALL = "ALL";

    public ThresholdRule {
        overrides = Set.copyOf(overrides);
        citations = List.copyOf(citations);
    }

    public boolean decides() {
        return recommend != null;
    }

    public boolean overrides(ThresholdRule other) {
        return !other.id.equals(id) && (overrides.contains(ALL) || overrides.contains(other.id));
    }

    public String citation() {
        return String.join("; ", citations.stream().map(Citation::toString).toList());
    }

    /**
     * @param outcome the recommended outcome
     * @param level the level of need to report; null to report the highest level among the indicators
     * @param priority how soon people must act
     */
    public record Recommends(OutcomeType outcome, LevelOfNeed level, Priority priority) {
    }
}
