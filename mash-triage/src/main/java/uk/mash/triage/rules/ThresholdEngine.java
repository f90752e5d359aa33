package uk.mash.triage.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.platform.indicators.Indicator;
import uk.mash.platform.indicators.IndicatorSource;

/**
 * Applies one validated rule pack to a referral's facts and explains the recommendation: every rule that fired, the
 * facts it matched and the guidance it cites, the level of need with the indicators it came from, and collated
 * concerns when there are any.
 */
public final class ThresholdEngine {

    static final String UNIVERSAL_SERVICES = "universal services";

    private final ThresholdRulePack pack;
    private final ThresholdRule[] deciding;
    private final ThresholdRule[] advising;
    private final boolean[][] overrides;

    public ThresholdEngine(ThresholdRulePack pack) {
        this.pack = pack;
        this.deciding = pack.rules().stream().filter(ThresholdRule::decides).toArray(ThresholdRule[]::new);
        this.advising = pack.rules().stream().filter(rule -> !rule.decides()).toArray(ThresholdRule[]::new);
        this.overrides = new boolean[deciding.length][deciding.length];
        for (int i = 0; i < deciding.length; i++) {
            for (int j = 0; j < deciding.length; j++) {
                overrides[i][j] = deciding[i].overrides(deciding[j]);
            }
        }
    }

    public ThresholdRulePack pack() {
        return pack;
    }

    /** The deciding rules that fired and were not overridden by another that fired. */
    List<ThresholdRule> decidingRules(ReferralFacts facts) {
        boolean[] fired = new boolean[deciding.length];
        for (int i = 0; i < deciding.length; i++) {
            fired[i] = deciding[i].when().matches(facts);
        }
        List<ThresholdRule> deciders = new ArrayList<>(2);
        for (int i = 0; i < deciding.length; i++) {
            if (fired[i] && !overriddenAmong(i, fired)) {
                deciders.add(deciding[i]);
            }
        }
        return deciders;
    }

    List<ThresholdRule> advisingRules(ReferralFacts facts) {
        List<ThresholdRule> fired = new ArrayList<>(1);
        for (ThresholdRule rule : advising) {
            if (rule.when().matches(facts)) {
                fired.add(rule);
            }
        }
        return fired;
    }

    private boolean overriddenAmong(int rule, boolean[] fired) {
        for (int other = 0; other < deciding.length; other++) {
            if (fired[other] && overrides[other][rule]) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param facts what the rules read
     * @param schoolOrSetting the child's school or setting, where a single agency referral goes
     */
    public Recommendation recommend(ReferralFacts facts, String schoolOrSetting) {
        List<ThresholdRule> deciders = decidingRules(facts);
        if (deciders.isEmpty()) {
            throw new IllegalStateException("Rule pack " + pack.id() + " " + pack.version()
                    + " decides nothing for these facts; its validation should have refused it");
        }
        ThresholdRule.Recommends recommends = deciders.get(0).recommend();
        OutcomeType outcome = recommends.outcome();
        LevelOfNeed level = recommends.level() != null ? recommends.level() : facts.level();
        Priority priority = recommends.priority();
        List<DecisionReason> reasons = new ArrayList<>();
        for (ThresholdRule rule : deciders) {
            reasons.add(reason(rule, facts));
        }
        for (ThresholdRule rule : advisingRules(facts)) {
            reasons.add(reason(rule, facts));
        }
        boolean collated = facts.collated() != null && pack.collation() != null;
        if (collated) {
            reasons.add(collationReason(facts.collated()));
            priority = priority.compareTo(Priority.URGENT) < 0 ? Priority.URGENT : priority;
        }
        if (!facts.indicators().isEmpty()) {
            reasons.add(levelReason(facts));
        }
        boolean confirmedByPolicy = pack.policy().confirmsWithoutWorker(outcome, level);
        // The allocated social worker already owns the case, so collated concerns go to them at once while a MASH
        // worker reviews them: seed 002, Making a referral, "Where the concerns for a child or children are immediate
        // or serious, the MASH information gathering process runs parallel to the child protection procedures".
        boolean stands = confirmedByPolicy && (!collated || outcome == OutcomeType.ALLOCATED_SOCIAL_WORKER);
        String organisation = outcome == OutcomeType.SINGLE_AGENCY ? organisation(schoolOrSetting) : null;
        return new Recommendation(outcome, level, priority, reasons, stands, collated || !confirmedByPolicy,
                organisation, collated);
    }

    private static String organisation(String schoolOrSetting) {
        return schoolOrSetting != null && !schoolOrSetting.isBlank() ? schoolOrSetting : UNIVERSAL_SERVICES;
    }

    private static DecisionReason reason(ThresholdRule rule, ReferralFacts facts) {
        return new DecisionReason(rule.id(), rule.explanation(), rule.when().matchedFacts(facts), rule.citation());
    }

    private DecisionReason collationReason(ReferralFacts.CollatedConcerns collated) {
        return new DecisionReason("collated-concerns", pack.collation().explanation(),
                List.of(collated.referrals() + " referrals from " + collated.agencies()
                        + " different agencies about this child within " + collated.window()),
                pack.collation().citation());
    }

    private DecisionReason levelReason(ReferralFacts facts) {
        Indicator highest = facts.indicators().stream().max(Comparator.comparing(Indicator::level)).orElseThrow();
        IndicatorSource source = highest.sources().stream()
                .filter(candidate -> candidate.documentId().equals(pack.document()))
                .findFirst()
                .orElse(highest.sources().get(0));
        return new DecisionReason("level-of-need",
                "The highest level of need among the indicators sent is " + facts.level() + ".",
                facts.indicators().stream().map(i -> "indicator " + i.code() + " (" + i.level() + ")").toList(),
                new Citation(source.document(), source.section(), highest.wording()).toString());
    }
}
