package uk.mash.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.LevelOfNeed;
import uk.mash.platform.indicators.Indicator;

/**
 * When a rule fires: every condition given must hold; a condition left out (null) holds for any referral.
 *
 * @param immediateRisk the referrer's view of immediate risk of significant harm
 * @param allocatedSocialWorker whether the child already has an allocated social worker
 * @param levels the highest level of need among the indicators is one of these
 * @param anyIndicator at least one of these indicators was sent
 * @param noIndicator none of these indicators was sent
 * @param consent consent is one of these
 * @param earlyHelpAssessment the Early Help assessment status is one of these
 */
public record RuleConditions(Boolean immediateRisk, Boolean allocatedSocialWorker, Set<LevelOfNeed> levels,
        Set<String> anyIndicator, Set<String> noIndicator, Set<ConsentStatus> consent,
        Set<EarlyHelpAssessmentStatus> earlyHelpAssessment) {

    public boolean matches(ReferralFacts facts) {
        return (immediateRisk == null || immediateRisk == facts.immediateRisk())
                && (allocatedSocialWorker == null || allocatedSocialWorker == facts.allocatedSocialWorker())
                && (levels == null || levels.contains(facts.level()))
                && (consent == null || consent.contains(facts.consent()))
                && (earlyHelpAssessment == null || earlyHelpAssessment.contains(facts.earlyHelpAssessment()))
                && (anyIndicator == null || sentAnyOf(anyIndicator, facts))
                && (noIndicator == null || !sentAnyOf(noIndicator, facts));
    }

    private static boolean sentAnyOf(Set<String> codes, ReferralFacts facts) {
        for (Indicator indicator : facts.indicators()) {
            if (codes.contains(indicator.code())) {
                return true;
            }
        }
        return false;
    }

    /** The facts this rule's conditions read, as the explanation shows them. */
    List<String> matchedFacts(ReferralFacts facts) {
        List<String> matched = new ArrayList<>();
        if (immediateRisk != null) {
            matched.add("immediateRiskOfSignificantHarm = " + facts.immediateRisk());
        }
        if (allocatedSocialWorker != null) {
            matched.add("allocated social worker = " + (facts.allocatedSocialWorker() ? "yes" : "none"));
        }
        if (anyIndicator != null) {
            facts.indicators().stream().filter(indicator -> anyIndicator.contains(indicator.code()))
                    .forEach(indicator -> matched.add("indicator " + indicator.code()));
        }
        if (noIndicator != null) {
            matched.add("none of " + noIndicator.stream().sorted().toList());
        }
        if (levels != null) {
            matched.add("level of need = " + facts.level());
        }
        if (consent != null) {
            matched.add("consent = " + facts.consent());
        }
        if (earlyHelpAssessment != null) {
            matched.add("earlyHelpAssessment = " + facts.earlyHelpAssessment());
        }
        return matched;
    }
}
