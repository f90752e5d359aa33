package uk.mash.triage.decisions;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TriageOutcomeIssued;
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

        /**
         * The recommendation as the referral's first outcome version, decided by the rules and standing without a
         * MASH worker when the pack's policy says so; a later version sets what differs.
         */
        TriageOutcomeIssued.Builder asOutcome(ReferralReceived received, Instant issuedAt) {
            return TriageOutcomeIssued.newBuilder()
                    .setEventId(UUID.randomUUID())
                    .setReferralId(received.getReferralId())
                    .setOutcomeVersion(1)
                    .setIssuedAt(issuedAt)
                    .setReceivedAt(received.getReceivedAt())
                    .setOutcome(recommendation.outcome())
                    .setLevelOfNeed(recommendation.level())
                    .setStatus(recommendation.standsWithoutWorker() ? OutcomeStatus.CONFIRMED
                            : OutcomeStatus.PROVISIONAL)
                    .setPriority(recommendation.priority())
                    .setReasons(recommendation.reasons())
                    .setRulePackId(pack.id())
                    .setRulePackVersion(pack.version())
                    .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                    .setIdentifiedOrganisation(recommendation.identifiedOrganisation())
                    .setAllocatedSocialWorker(allocatedWorker.map(AllocatedWorker::socialWorker).orElse(null))
                    .setAllocatedCaseId(allocatedWorker.map(AllocatedWorker::caseId).orElse(null))
                    .setChildKey(received.getChildKey())
                    .setReferral(received.getReferral());
        }
    }
}
