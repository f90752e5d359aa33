package uk.mash.triage.rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, plainly, why triage refused a rule pack and what to do. */
class RulePackFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRulePackException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRulePackException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the rule pack (mash-triage/src/main/resources/rule-packs/) or the in-force configuration "
                        + "(referrals.triage.rule-packs.in-force). Triage decides no referral by a pack it cannot "
                        + "trust; referrals wait on Kafka until it starts.",
                cause);
    }
}
