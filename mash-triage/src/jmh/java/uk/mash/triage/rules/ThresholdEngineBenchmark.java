package uk.mash.triage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.indicators.IndicatorCatalogue;

/**
 * Evaluations per second of the 2018 Cambridgeshire and Peterborough pack on one thread: building the facts from a
 * referral (indicator look-ups included) and recommending with the full explanation, over a mix of referrals from
 * every level of need.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThresholdEngineBenchmark {

    private ThresholdEngine engine;
    private IndicatorCatalogue catalogue;
    private ReferralSubmitted[] referrals;
    private int next;

    @Setup
    public void loadPack() {
        catalogue = IndicatorCatalogue.standard();
        String resource = "rule-packs/cambridgeshire-peterborough-2018.yaml";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            engine = new ThresholdEngine(new RulePackValidator(catalogue).validated(resource,
                    RulePackReader.read(resource, in)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        referrals = List.of(
                Submissions.aValidReferral().withIndicators("PARENTING_INCONSISTENT", "POOR_SCHOOL_ATTENDANCE"),
                Submissions.aValidReferral().withIndicators("ABUSE_OR_NEGLECT_SUSPECTED")
                        .withImmediateRiskOfSignificantHarm(),
                Submissions.aValidReferral().withIndicators("PARENTAL_ISSUES_SIGNIFICANT_RISK")
                        .withEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE),
                Submissions.aValidReferral().withIndicators("SOME_DOMESTIC_ABUSE").withConsent(ConsentStatus.REFUSED),
                Submissions.aValidReferral().withIndicators("BASIC_CARE_SOMETIMES_INCONSISTENT"),
                Submissions.aValidReferral().withIndicators("DISABLED_CHILD_NEEDS_SPECIALIST_SERVICES",
                        "CARE_OF_OTHER_DEPENDANTS"),
                Submissions.aValidReferral().withIndicators("UNDER_13_SEXUAL_ACTIVITY")
                        .withConsent(ConsentStatus.NOT_SOUGHT),
                Submissions.aValidReferral().withIndicators())
                .stream().map(Submissions::build).toArray(ReferralSubmitted[]::new);
    }

    @Benchmark
    public Recommendation recommend() {
        ReferralSubmitted referral = referrals[next++ & 7];
        return engine.recommend(ReferralFacts.of(referral, referral.getSubmittedAt(), catalogue, false, null),
                referral.getChild().getSchoolOrSetting());
    }
}
