package uk.mash.triage.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.platform.indicators.Indicator;
import uk.mash.platform.indicators.IndicatorSource;

/**
 * Applies one validated rule pack to a referral's facts and explains the recommendation: every rule that fired, the
 * facts it matched and the guidance it cites, the level of need with the indicators it came from, and collated
 * concerns when there are any. Whatever the rules and the pack's policy say, three things wait for a MASH worker:
 * collated concerns; a referral without any indicator the rules know, whose Level 1 says nothing about what its
 * words describe; and, for a Gillick competent young person, an outcome resting on a consent that may be only the
 * parents'. A referral to the child's allocated social worker still goes to that worker at once beside the task.
 */
public final class ThresholdEngine {

    static final String UNIVERSAL_SERVICES = "universal services";

    /**
     * Outcomes that need consent, which a Gillick competent young person gives or withholds themselves: seeds 002 and
     * 003, Section 17, "with the consent of the parents or carers and of the young person where they are Gillick or
     * Fraser competent"; seed 002, Principles, a Gillick competent young person "Can decline such support".
     */
    private static final Set<OutcomeType> RESTS_ON_CONSENT = EnumSet.of(OutcomeType.EARLY_HELP,
            OutcomeType.SECTION_17_ASSESSMENT, OutcomeType.RETURNED_FOR_CONSENT);

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
        boolean youngPersonsConsent = facts.gillickCompetent() && RESTS_ON_CONSENT.contains(outcome);
        if (youngPersonsConsent) {
            reasons.add(gillickReason(facts));
        }
        boolean withoutIndicators = facts.indicators().isEmpty();
        reasons.add(withoutIndicators ? withoutIndicatorsReason() : levelReason(facts));
        boolean confirmedByPolicy = pack.policy().confirmsWithoutWorker(outcome, level);
        boolean forWorker = collated || youngPersonsConsent || withoutIndicators;
        // The allocated social worker already owns the case, so what a MASH worker must look at goes to them at once
        // meanwhile: seed 002, Making a referral, "Where the concerns for a child or children are immediate or
        // serious, the MASH information gathering process runs parallel to the child protection procedures".
        boolean stands = confirmedByPolicy && (!forWorker || outcome == OutcomeType.ALLOCATED_SOCIAL_WORKER);
        String organisation = outcome == OutcomeType.SINGLE_AGENCY ? organisation(schoolOrSetting) : null;
        return new Recommendation(outcome, level, priority, reasons, stands, forWorker || !confirmedByPolicy,
                organisation, collated);
    }

    private static String organisation(String schoolOrSetting) {
        return schoolOrSetting != null && !schoolOrSetting.isBlank() ? schoolOrSetting : UNIVERSAL_SERVICES;
    }

    private static DecisionReason reason(ThresholdRule rule, ReferralFacts facts) {
        return new DecisionReason(rule.id(), rule.explanation(), rule.when().matchedFacts(facts), rule.citation());
    }

    private DecisionReason collationReason(ReferralFacts.CollatedConcerns collated) {
        return engineReason("collated-concerns", pack.collation(),
                List.of(collated.referrals() + " referrals from " + collated.agencies()
                        + " different agencies about this child within " + collated.window()));
    }

    private DecisionReason gillickReason(ReferralFacts facts) {
        return engineReason("gillick-competent-consent", pack.gillickCompetent(),
                List.of("gillickCompetent = true", "consent = " + facts.consent(),
                        "child's views " + (facts.childViewsGiven() ? "given" : "not given")));
    }

    private DecisionReason withoutIndicatorsReason() {
        return engineReason("without-indicators", pack.withoutIndicators(),
                List.of("no indicator from the catalogue"));
    }

    private static DecisionReason engineReason(String id, ThresholdRulePack.EngineReason reason,
            List<String> matchedFacts) {
        return new DecisionReason(id, reason.explanation(), matchedFacts, reason.citation());
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
