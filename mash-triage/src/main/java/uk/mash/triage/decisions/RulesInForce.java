package uk.mash.triage.decisions;

import java.util.Optional;

import org.springframework.stereotype.Component;

import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.triage.collation.AllocatedWorker;
import uk.mash.triage.collation.ChildCollation;
import uk.mash.triage.collation.ChildContext;
import uk.mash.triage.rules.Recommendation;
import uk.mash.triage.rules.ReferralFacts;
import uk.mash.triage.rules.RulePacks;
import uk.mash.triage.rules.ThresholdEngine;
import uk.mash.triage.rules.ThresholdRulePack;

/**
 * The rule pack in force for a referral's local authority on the day the MASH received it, run on what the referral
 * says and what triage knows of its child (an allocated social worker, concerns collated from several agencies). The
 * referral is added to the child's history on the way, once however often it is run: a telephone referral's written
 * follow-up, under the same referral id, is not a second referral about the child.
 */
@Component
class RulesInForce {

    private final RulePacks packs;
    private final IndicatorCatalogue catalogue;
    private final ChildCollation collation;

    RulesInForce(RulePacks packs, IndicatorCatalogue catalogue, ChildCollation collation) {
        this.packs = packs;
        this.catalogue = catalogue;
        this.collation = collation;
    }

    Recommended recommend(ReferralReceived received) {
        ReferralSubmitted referral = received.getReferral();
        ChildContext child = collation.recordReferral(received);
        ThresholdEngine engine = packs.inForce(referral.getLocalAuthority(), received.getReceivedAt());
        Recommendation recommendation = engine.recommend(
                ReferralFacts.of(referral, received.getReceivedAt(), catalogue, child.allocatedWorker().isPresent(),
                        child.collated()),
                referral.getChild().getSchoolOrSetting());
        return new Recommended(engine.pack(), recommendation,
                recommendation.outcome() == OutcomeType.ALLOCATED_SOCIAL_WORKER
                        ? Optional.of(child.allocatedWorker().orElseThrow())
                        : Optional.empty());
    }

    /**
     * @param pack the pack that recommended it, named on the outcome
     * @param recommendation what the rules recommend
     * @param allocatedWorker for a referral to the child's allocated social worker, that worker and their case
     */
    record Recommended(ThresholdRulePack pack, Recommendation recommendation,
            Optional<AllocatedWorker> allocatedWorker) {

        /** The rules that fired, by id, for the audit trail. */
        String rules() {
            return recommendation.reasons().stream().map(DecisionReason::getRuleId).toList().toString();
        }
    }
}
