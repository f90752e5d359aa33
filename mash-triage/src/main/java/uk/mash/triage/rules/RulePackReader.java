package uk.mash.triage.rules;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * Reads a rule pack from YAML (the format of {@code rule-packs/*.yaml}). Whatever does not read as a pack is
 * reported, naming the pack and the rule; whether the rules make sense together is {@link RulePackValidator}'s job.
 */
public final class RulePackReader {

    private RulePackReader() {
    }

    public static ThresholdRulePack read(String name, InputStream yaml) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        }
        catch (YAMLException e) {
            throw new InvalidRulePackException(name, List.of("it is not readable YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new InvalidRulePackException(name, List.of("it is empty"));
        }
        Fields pack = new Fields(root, "the pack", problems);
        List<ThresholdRule> rules = new ArrayList<>();
        for (Map<String, Object> rule : pack.maps("rules")) {
            rules.add(rule(new Fields(rule, "rule '" + rule.get("id") + "'", problems)));
        }
        ThresholdRulePack read = new ThresholdRulePack(pack.text("id"), pack.text("version"), pack.text("title"),
                pack.text("document"), policy(pack), rules, engineReason(pack, "collation"),
                engineReason(pack, "withoutIndicators"), engineReason(pack, "gillickCompetent"));
        if (!problems.isEmpty()) {
            throw new InvalidRulePackException(name, problems);
        }
        return read;
    }

    private static ThresholdRule rule(Fields rule) {
        Map<String, Object> when = rule.map("when");
        Fields conditions = new Fields(when == null ? Map.of() : when, rule.what + " when", rule.problems);
        RuleConditions parsed = new RuleConditions(conditions.bool("immediateRisk"),
                conditions.bool("allocatedSocialWorker"),
                conditions.enums("levels", LevelOfNeed.class),
                conditions.strings("anyIndicator"),
                conditions.strings("noIndicator"),
                conditions.enums("consent", ConsentStatus.class),
                conditions.enums("earlyHelpAssessment", EarlyHelpAssessmentStatus.class));
        ThresholdRule.Recommends recommends = null;
        Map<String, Object> recommend = rule.map("recommend");
        if (recommend != null) {
            Fields fields = new Fields(recommend, rule.what + " recommend", rule.problems);
            recommends = new ThresholdRule.Recommends(fields.enumValue("outcome", OutcomeType.class, true),
                    fields.enumValue("level", LevelOfNeed.class, false),
                    fields.enumValue("priority", Priority.class, true));
        }
        else if (!Boolean.TRUE.equals(rule.bool("advise"))) {
            rule.problems.add(rule.what + ": give either 'recommend' (a deciding rule) or 'advise: true'");
        }
        Set<String> overrides = rule.strings("overrides");
        return new ThresholdRule(rule.text("id"), rule.text("explanation"), parsed, recommends,
                overrides == null ? Set.of() : overrides, citations(rule));
    }

    private static ThresholdRulePack.EngineReason engineReason(Fields pack, String field) {
        Map<String, Object> reason = pack.map(field);
        if (reason == null) {
            return null;
        }
        Fields fields = new Fields(reason, field, pack.problems);
        return new ThresholdRulePack.EngineReason(fields.text("explanation"), citations(fields));
    }

    private static List<Citation> citations(Fields fields) {
        List<Citation> citations = new ArrayList<>();
        for (Map<String, Object> citation : fields.maps("citations")) {
            Fields cited = new Fields(citation, fields.what + " citation", fields.problems);
            citations.add(new Citation(cited.text("document"), cited.text("section"), cited.text("quote")));
        }
        return citations;
    }

    private static PackPolicy policy(Fields pack) {
        Map<String, Object> policy = pack.map("policy");
        Map<OutcomeType, Set<LevelOfNeed>> confirms = new EnumMap<>(OutcomeType.class);
        if (policy != null) {
            Fields fields = new Fields(policy, "policy", pack.problems);
            Map<String, Object> byOutcome = fields.map("confirmsWithoutWorker");
            if (byOutcome != null) {
                Fields levels = new Fields(byOutcome, "policy confirmsWithoutWorker", pack.problems);
                for (String outcome : byOutcome.keySet()) {
                    OutcomeType type = levels.parse(outcome, OutcomeType.class, "outcome");
                    Set<LevelOfNeed> at = levels.enums(outcome, LevelOfNeed.class);
                    if (type != null && at != null) {
                        confirms.put(type, at);
                    }
                }
            }
        }
        return new PackPolicy(confirms);
    }

    /** One YAML mapping, read with problems reported against what it is. */
    private record Fields(Map<String, Object> values, String what, List<String> problems) {

        String text(String field) {
            Object value = values.get(field);
            if (value == null || value.toString().isBlank()) {
                problems.add(what + ": '" + field + "' is missing");
                return null;
            }
            return value.toString().strip();
        }

        Boolean bool(String field) {
            Object value = values.get(field);
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            problems.add(what + ": '" + field + "' must be true or false, not '" + value + "'");
            return null;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String field) {
            Object value = values.get(field);
            if (value == null || value instanceof Map) {
                return (Map<String, Object>) value;
            }
            problems.add(what + ": '" + field + "' must be a mapping");
            return null;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> maps(String field) {
            Object value = values.get(field);
            if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                return (List<Map<String, Object>>) value;
            }
            problems.add(what + ": '" + field + "' must be a list of mappings");
            return List.of();
        }

        Set<String> strings(String field) {
            Object value = values.get(field);
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> list) {
                Set<String> strings = new LinkedHashSet<>();
                list.forEach(item -> strings.add(String.valueOf(item).strip()));
                return Set.copyOf(strings);
            }
            return Set.of(value.toString().strip());
        }

        <E extends Enum<E>> Set<E> enums(String field, Class<E> type) {
            Set<String> names = strings(field);
            if (names == null) {
                return null;
            }
            Set<E> parsed = EnumSet.noneOf(type);
            for (String name : names) {
                E value = parse(name, type, field);
                if (value != null) {
                    parsed.add(value);
                }
            }
            return parsed;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            Object value = values.get(field);
            if (value == null) {
                if (required) {
                    problems.add(what + ": '" + field + "' is missing");
                }
                return null;
            }
            return parse(value.toString(), type, field);
        }

        <E extends Enum<E>> E parse(String name, Class<E> type, String field) {
            try {
                return Enum.valueOf(type, name.strip());
            }
            catch (IllegalArgumentException e) {
                problems.add(what + ": '" + field + "' has '" + name + "', which is not one of "
                        + List.of(type.getEnumConstants()));
                return null;
            }
        }
    }
}
