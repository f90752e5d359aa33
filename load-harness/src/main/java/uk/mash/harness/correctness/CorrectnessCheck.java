package uk.mash.harness.correctness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import uk.mash.harness.pipeline.ReferralTrace;
import uk.mash.harness.pipeline.ReferralTrace.OutcomeSeen;

/**
 * Whether every referral the harness submitted ended as the pipeline promises (docs/decisions.md, "Effectively once
 * across Kafka and PostgreSQL"): exactly one outcome of each version, every notification sent exactly once (by
 * notification id: referral, outcome version, channel), and the referrer told of every outcome version that stands.
 * Nothing submitted may be refused, since the generator only makes valid referrals.
 */
public final class CorrectnessCheck {

    private static final int EXAMPLES = 3;

    private final Map<String, List<String>> problems = new LinkedHashMap<>();
    private long referrals;

    /** The problems found, each with how many referrals had it and a few of their (fictional) agency references. */
    public record Verdict(long referrals, List<String> problems) {

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks these referrals now, once the pipeline is done with them; called again for each later batch, so that
     * the harness need not keep every referral's trace until the run ends.
     */
    public void referrals(Collection<String> submitted, Function<String, ReferralTrace> traces) {
        for (String reference : submitted) {
            referral(reference, traces.apply(reference));
        }
        referrals += submitted.size();
    }

    /**
     * Referrals of which the observer saw an outcome or a notification after they were checked and their traces let
     * go: the pipeline had finished with them, so whatever came after was sent again.
     */
    public void seenAfterCheck(Collection<String> references) {
        references.forEach(reference -> problem("outcome or notification seen again after the referral was checked",
                reference));
    }

    public void refused(Collection<String> refused) {
        refused.forEach(reference -> problem("submission refused by intake (the generator made an invalid "
                + "referral)", reference));
    }

    public void restFailures(Map<String, Long> restFailures) {
        restFailures.forEach((status, count) -> problem("REST submission answered " + status + " instead of 202",
                count + " requests"));
    }

    public Verdict verdict() {
        List<String> found = new ArrayList<>();
        problems.forEach((kind, references) -> found.add(references.size() + " x " + kind + " (e.g. "
                + String.join(", ", references.subList(0, Math.min(EXAMPLES, references.size()))) + ")"));
        return new Verdict(referrals, found);
    }

    private void referral(String reference, ReferralTrace trace) {
        if (trace == null || trace.outcomes().isEmpty()) {
            problem("no outcome issued", reference);
            return;
        }
        Map<Integer, List<OutcomeSeen>> byVersion = new TreeMap<>();
        trace.outcomes().forEach(outcome -> byVersion.computeIfAbsent(outcome.version(), v -> new ArrayList<>())
                .add(outcome));
        if (!byVersion.containsKey(1)) {
            problem("no first outcome (version 1)", reference);
        }
        Map<Integer, Integer> notified = trace.notificationsByVersion();
        byVersion.forEach((version, outcomes) -> {
            if (outcomes.size() > 1) {
                problem("outcome version issued more than once", reference);
            }
            if (outcomes.get(0).stands() && !notified.containsKey(version)) {
                problem("referrer not told of an outcome that stands", reference);
            }
        });
        notified.keySet().stream().filter(version -> !byVersion.containsKey(version)).findFirst()
                .ifPresent(version -> problem("referrer told of an outcome version never issued", reference));
        if (trace.notifiedTwice()) {
            problem("the same notification sent more than once", reference);
        }
    }

    private void problem(String kind, String reference) {
        problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(reference);
    }
}
