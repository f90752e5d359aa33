package uk.mash.triage.rules;

import java.util.List;

/**
 * A local authority's threshold rules as data, one version of one pack: rules citing the guidance, the policy for
 * which recommendations stand without a MASH worker, and the words of the reasons the engine adds itself.
 *
 * @param id e.g. {@code cambridgeshire-peterborough-2018}
 * @param version the pack's version, carried on every outcome it decides
 * @param title what the pack is, for people
 * @param document the indicator catalogue's id of the guidance the pack encodes, e.g. {@code seed-003}
 * @param policy which recommendations stand without a MASH worker
 * @param rules the rules, deciding and advising
 * @param collation why concerns from several agencies about one child are reviewed together; null when the pack
 *        does not collate
 * @param withoutIndicators why a referral without any indicator the rules know is read by a MASH worker
 * @param gillickCompetent why an outcome resting on consent waits for a MASH worker to check a Gillick competent
 *        young person's own consent
 */
public record ThresholdRulePack(String id, String version, String title, String document, PackPolicy policy,
        List<ThresholdRule> rules, EngineReason collation, EngineReason withoutIndicators,
        EngineReason gillickCompetent) {

    public ThresholdRulePack {
        rules = List.copyOf(rules);
    }

    /**
     * A reason the engine gives of itself, whatever the rules decided: the pack words it and cites its guidance, so
     * a board reads it in its own document's terms.
     *
     * @param explanation what it means for the recommendation
     * @param citations the guidance it rests on
     */
    public record EngineReason(String explanation, List<Citation> citations) {

        public EngineReason {
            citations = List.copyOf(citations);
        }

        public String citation() {
            return String.join("; ", citations.stream().map(Citation::toString).toList());
        }
    }
}
