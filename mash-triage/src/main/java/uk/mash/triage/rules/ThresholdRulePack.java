package uk.mash.triage.rules;

import java.util.List;

/**
 * A local authority's threshold rules as data, one version of one pack: rules citing the guidance, the policy for
 * which recommendations stand without a MASH worker, and how collated concerns are explained.
 *
 * @param id e.g. {@code cambridgeshire-peterborough-2018}
 * @param version the pack's version, carried on every outcome it decides
 * @param title what the pack is, for people
 * @param document the indicator catalogue's id of the guidance the pack encodes, e.g. {@code seed-003}
 * @param policy which recommendations stand without a MASH worker
 * @param rules the rules, deciding and advising
 * @param collation the explanation and citations given when several agencies' concerns about one child are collated
 */
public record ThresholdRulePack(String id, String version, String title, String document, PackPolicy policy,
        List<ThresholdRule> rules, Collation collation) {

    public ThresholdRulePack {
        rules = List.copyOf(rules);
    }

    /**
     * @param explanation what collation means for the recommendation
     * @param citations the guidance on collating concerns
     */
    public record Collation(String explanation, List<Citation> citations) {

        public Collation {
            citations = List.copyOf(citations);
        }

        public String citation() {
            return String.join("; ", citations.stream().map(Citation::toString).toList());
        }
    }
}
