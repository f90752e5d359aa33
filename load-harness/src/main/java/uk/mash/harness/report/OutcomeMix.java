package uk.mash.harness.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import uk.mash.harness.pipeline.ReferralTrace;
import uk.mash.harness.referrals.ReferralProfile;

/**
 * What triage decided for each profile of the mix, beside what the current rules should decide: shows at a glance
 * that the load exercised every outcome, and when rule packs have moved the mix's expectations.
 *
 * @param profile the profile
 * @param submitted referrals of that profile
 * @param firstOutcomes the first outcomes issued, by outcome type and status ("none" for a referral without one)
 */
public record OutcomeMix(ReferralProfile profile, long submitted, Map<String, Long> firstOutcomes) {

    /** The mix counted over batches of referrals, each once the pipeline is done with it. */
    public static final class Tally {

        private final Map<ReferralProfile, Map<String, Long>> outcomes = new LinkedHashMap<>();
        private final Map<ReferralProfile, Long> submitted = new LinkedHashMap<>();

        /**
         * @param references the referrals submitted
         * @param profileOf the profile each was generated from
         * @param traces what the observer saw of each
         */
        public void add(Collection<String> references, Function<String, ReferralProfile> profileOf,
                Function<String, ReferralTrace> traces) {
            for (String reference : references) {
                ReferralProfile profile = profileOf.apply(reference);
                submitted.merge(profile, 1L, Long::sum);
                ReferralTrace trace = traces.apply(reference);
                String first = trace == null ? "none" : trace.outcomes().stream().filter(o -> o.version() == 1)
                        .findFirst().map(o -> o.outcome().name() + " " + o.status().name().toLowerCase())
                        .orElse("none");
                outcomes.computeIfAbsent(profile, p -> new TreeMap<>()).merge(first, 1L, Long::sum);
            }
        }

        public List<OutcomeMix> mix() {
            return submitted.entrySet().stream()
                    .map(e -> new OutcomeMix(e.getKey(), e.getValue(), outcomes.get(e.getKey())))
                    .toList();
        }
    }
}
