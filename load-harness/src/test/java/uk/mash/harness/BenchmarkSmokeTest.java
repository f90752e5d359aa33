package uk.mash.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.mash.harness.baseline.RawKafkaBaseline.Shape;
import uk.mash.harness.pipeline.OpenLoopRun;
import uk.mash.harness.report.OutcomeMix;

/**
 * The whole benchmark, small: proves the harness drives every phase and checks every referral, so that the real run
 * ({@code ./run-benchmark.sh}) works when it is needed. Asserts nothing about speed: figures are for the benchmark.
 */
class BenchmarkSmokeTest {

    /**
     * The listeners from submission to notification: each commits its poll before the next can read it, so each has
     * finished a poll of the drain's referrals before the drain ends (those beside the way may finish theirs after).
     */
    private static final String[] REFERRALS_POLLED_BY = { "referral-intake referrals.submitted.v1",
        "mash-triage referrals.received.v1", "notification-service triage.outcomes.v1" };

    @Test
    void everyReferralOfEveryPhaseEndsWithItsOutcomeAndTheReferrerToldOfEveryOutcomeThatStands() {
        BenchmarkSettings settings = new BenchmarkSettings(200, 50, 2, List.of(0.25, 0.5, 0.75), 10, 2,
                Duration.ofSeconds(60), null, Path.of("target", "smoke-benchmark-results.md"), 8);

        BenchmarkReport report = new Benchmark(settings).run();

        assertThat(report.verdict().problems()).isEmpty();
        long openLoopSent = report.openLoop().stream().mapToLong(OpenLoopRun.Result::sent).sum();
        assertThat(report.rest().accepted()).hasSize((int) report.rest().sent());
        assertThat(report.warmUp().rounds()).isBetween(1, Benchmark.MAX_WARM_UP_ROUNDS);
        assertThat(report.saturationRuns()).hasSize(Benchmark.SATURATION_RUNS).contains(report.saturation());
        assertThat(report.saturation().polls()).as("each listener on a referral's way polled, a referral a poll or more")
                .containsKeys(REFERRALS_POLLED_BY)
                .extractingByKeys(REFERRALS_POLLED_BY)
                .allSatisfy(polls -> assertThat(polls).isBetween(1L, 200L));
        assertThat(report.saturation().messages().recorded())
                .as("the school's and the police's referrers are told by email and webhook").isPositive();
        assertThat(report.verdict().referrals()).isEqualTo(50L * report.warmUp().rounds()
                + 200L * Benchmark.SATURATION_RUNS + openLoopSent + report.rest().sent());
        assertThat(report.baseline().records()).as("every saturation drain's submissions, relayed at once")
                .isEqualTo(200L * Benchmark.SATURATION_RUNS);
        assertThat(report.baseline().shape()).as("the targets read against the services' consumers")
                .isEqualTo(Shape.SERVICES);
        assertThat(report.pathRuns()).hasSize(Benchmark.SATURATION_RUNS).contains(report.path())
                .allSatisfy(path -> assertThat(path.records()).isEqualTo(report.baseline().records()));
        assertThat(report.openLoop()).extracting(OpenLoopRun.Result::label)
                .containsExactly("25% of saturation", "50% of saturation", "75% of saturation");
        assertThat(report.mix()).extracting(OutcomeMix::submitted).allMatch(count -> count > 0);
        assertThat(report.mix()).allSatisfy(mix -> assertThat(mix.firstOutcomes()).doesNotContainKey("none"));
        assertThat(report.afterStartUp().databaseMiB()).as("PostgreSQL's memory is part of the stack's").isPositive();
        assertThat(report.saturation().wal().bytes()).as("each of the four services logs every referral it stores")
                .isGreaterThan(200L * 4 * 1024);
        assertThat(report.atEnd().stackPeakMiB()).isGreaterThan(report.atEnd().peakMiB());
        assertThat(report.saturation().statements().longest()).as("the services' statements, and not the harness's")
                .hasSize(8)
                .anySatisfy(statement -> assertThat(statement.text()).startsWith("insert into referral ("))
                .noneSatisfy(statement -> assertThat(statement.text()).contains("pg_stat_wal"))
                .allSatisfy(statement -> assertThat(statement.calls()).isPositive());
        assertThat(report.saturation().statements().microsecondsPerReferral())
                .isGreaterThan(report.saturation().statements().longest().get(0).microsecondsPerReferral());
        assertThat(ResultsTable.markdown(report)).contains("| >= 30% of the raw Kafka baseline |")
                .contains("every one ended with one outcome per version")
                .contains("| statement | µs a referral | calls |");
    }
}
