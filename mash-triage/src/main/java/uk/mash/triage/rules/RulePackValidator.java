package uk.mash.triage.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.LevelOfNeed;
import uk.mash.platform.indicators.Indicator;
import uk.mash.platform.indicators.IndicatorCatalogue;

/**
 * Checks a rule pack before any referral is decided by it: every rule cites the guidance (document, section, quote),
 * names only indicators in the catalogue and only rules that exist; the pack words and cites the reasons the engine
 * gives whatever the rules decide (a referral without indicators, a Gillick competent young person); and, trying
 * every combination of facts the rules can tell apart (immediate risk, allocated social worker, consent, Early Help
 * assessment, and every set of up to two of the indicators the rules name plus one indicator at each level), that
 * every referral gets a recommendation, that no two rules that can fire together recommend different things unless
 * one overrides the other, and that every rule can fire.
 */
public final class RulePackValidator {

    private static final int EXAMPLES = 3;

    private final IndicatorCatalogue catalogue;

    public RulePackValidator(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The pack, or an {@link InvalidRulePackException} naming every problem. */
    public ThresholdRulePack validated(String name, ThresholdRulePack pack) {
        List<String> problems = problems(pack);
        if (!problems.isEmpty()) {
            throw new InvalidRulePackException(name, problems);
        }
        return pack;
    }

    public List<String> problems(ThresholdRulePack pack) {
        List<String> problems = new ArrayList<>();
        if (catalogue.all().stream().flatMap(i -> i.sources().stream())
                .noneMatch(source -> source.documentId().equals(pack.document()))) {
            problems.add("the pack's document '" + pack.document() + "' is not a document of the indicator catalogue");
        }
        if (pack.rules().isEmpty()) {
            problems.add("the pack has no rules");
        }
        Set<String> ids = new HashSet<>();
        for (ThresholdRule rule : pack.rules()) {
            if (!ids.add(rule.id())) {
                problems.add("rule id '" + rule.id() + "' is used twice");
            }
        }
        for (ThresholdRule rule : pack.rules()) {
            checkRule(rule, ids, problems);
        }
        checkCited("collation", pack.collation(), problems);
        checkRequired("withoutIndicators", pack.withoutIndicators(),
                "why a referral without any indicator the rules know is read by a MASH worker", problems);
        checkRequired("gillickCompetent", pack.gillickCompetent(),
                "why a MASH worker checks a Gillick competent young person's own consent", problems);
        if (problems.isEmpty()) {
            checkCombinations(pack, problems);
        }
        return problems;
    }

    private static void checkRequired(String field, ThresholdRulePack.EngineReason reason, String what,
            List<String> problems) {
        if (reason == null) {
            problems.add("the pack does not say " + what + ": give '" + field + "' with an explanation and citations");
        }
        checkCited(field, reason, problems);
    }

    private static void checkCited(String field, ThresholdRulePack.EngineReason reason, List<String> problems) {
        if (reason != null && reason.citations().isEmpty()) {
            problems.add(field + " cites nothing: give the document, section and a short quote");
        }
    }

    private void checkRule(ThresholdRule rule, Set<String> ids, List<String> problems) {
        String what = "rule '" + rule.id() + "'";
        if (rule.citations().isEmpty()) {
            problems.add(what + " cites nothing: give the document, section and a short quote it encodes");
        }
        Set<String> codes = new TreeSet<>();
        codes.addAll(rule.when().anyIndicator() == null ? Set.of() : rule.when().anyIndicator());
        codes.addAll(rule.when().noIndicator() == null ? Set.of() : rule.when().noIndicator());
        for (String code : codes) {
            if (!catalogue.contains(code)) {
                problems.add(what + " names indicator '" + code + "', which is not in the indicator catalogue");
            }
        }
        for (String overridden : new TreeSet<>(rule.overrides())) {
            if (!overridden.equals(ThresholdRule.ALL) && !ids.contains(overridden)) {
                problems.add(what + " overrides '" + overridden + "', which is not a rule of this pack");
            }
        }
    }

    private void checkCombinations(ThresholdRulePack pack, List<String> problems) {
        ThresholdEngine engine = new ThresholdEngine(pack);
        Set<String> decided = new HashSet<>();
        Set<String> advised = new HashSet<>();
        List<String> gaps = new ArrayList<>();
        Map<String, String> conflicts = new LinkedHashMap<>();
        for (ReferralFacts facts : combinations(pack)) {
            List<ThresholdRule> deciders = engine.decidingRules(facts);
            engine.advisingRules(facts).forEach(rule -> advised.add(rule.id()));
            if (deciders.isEmpty()) {
                if (gaps.size() < EXAMPLES) {
                    gaps.add(describe(facts));
                }
                continue;
            }
            ThresholdRule first = deciders.get(0);
            decided.add(first.id());
            for (ThresholdRule other : deciders.subList(1, deciders.size())) {
                decided.add(other.id());
                if (!other.recommend().equals(first.recommend())) {
                    conflicts.putIfAbsent(first.id() + "|" + other.id(), "rules '" + first.id() + "' ("
                            + first.recommend().outcome() + ") and '" + other.id() + "' ("
                            + other.recommend().outcome() + ") both fire, with different recommendations, for "
                            + describe(facts) + ": make their conditions exclusive, or say which overrides the other");
                }
            }
        }
        gaps.forEach(example -> problems.add("no rule decides a referral with " + example));
        problems.addAll(conflicts.values());
        for (ThresholdRule rule : pack.rules()) {
            boolean fires = rule.decides() ? decided.contains(rule.id()) : advised.contains(rule.id());
            if (!fires) {
                problems.add("rule '" + rule.id() + "' can never fire: its conditions contradict each other, or "
                        + "rules that override it always fire with it");
            }
        }
    }

    private List<ReferralFacts> combinations(ThresholdRulePack pack) {
        List<List<Indicator>> indicatorSets = indicatorSets(pack);
        List<ReferralFacts> combinations = new ArrayList<>();
        for (List<Indicator> indicators : indicatorSets) {
            LevelOfNeed level = ReferralFacts.highestLevel(indicators);
            for (boolean immediateRisk : new boolean[] { false, true }) {
                for (boolean allocated : new boolean[] { false, true }) {
                    for (ConsentStatus consent : ConsentStatus.values()) {
                        for (EarlyHelpAssessmentStatus earlyHelp : EarlyHelpAssessmentStatus.values()) {
                            // no condition reads Gillick competence: the engine, not the rules, acts on it
                            combinations.add(new ReferralFacts(indicators, level, immediateRisk, consent, earlyHelp,
                                    allocated, null, false, false));
                        }
                    }
                }
            }
        }
        return combinations;
    }

    private List<List<Indicator>> indicatorSets(ThresholdRulePack pack) {
        Set<String> named = new TreeSet<>();
        for (ThresholdRule rule : pack.rules()) {
            named.addAll(rule.when().anyIndicator() == null ? Set.of() : rule.when().anyIndicator());
            named.addAll(rule.when().noIndicator() == null ? Set.of() : rule.when().noIndicator());
        }
        List<Indicator> candidates = new ArrayList<>(named.stream().map(code -> catalogue.byCode(code).orElseThrow())
                .toList());
        List<Indicator> onePerLevel = new ArrayList<>();
        for (LevelOfNeed level : LevelOfNeed.values()) {
            catalogue.all().stream().filter(i -> i.level() == level && !named.contains(i.code())).findFirst()
                    .ifPresent(onePerLevel::add);
        }
        candidates.addAll(onePerLevel);
        Set<Set<Indicator>> sets = new LinkedHashSet<>();
        List<Set<Indicator>> base = new ArrayList<>();
        base.add(Set.of());
        for (int i = 0; i < candidates.size(); i++) {
            base.add(Set.of(candidates.get(i)));
            for (int j = i + 1; j < candidates.size(); j++) {
                base.add(Set.of(candidates.get(i), candidates.get(j)));
            }
        }
        for (Set<Indicator> set : base) {
            sets.add(set);
            for (Indicator filler : onePerLevel) {
                Set<Indicator> raised = new LinkedHashSet<>(set);
                raised.add(filler);
                sets.add(raised);
            }
        }
        return sets.stream().map(set -> (List<Indicator>) new ArrayList<>(set)).toList();
    }

    private static String describe(ReferralFacts facts) {
        return "immediate risk " + facts.immediateRisk() + ", allocated social worker "
                + (facts.allocatedSocialWorker() ? "yes" : "none") + ", indicators "
                + facts.indicators().stream().map(Indicator::code).sorted().toList() + " (" + facts.level()
                + "), consent " + facts.consent() + ", Early Help assessment " + facts.earlyHelpAssessment();
    }
}
