package uk.mash.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreReportedInMillisecondsFromNanosecondLatencies() {
        Histogram histogram = LatencySummary.newHistogram();
        for (int millis = 1; millis <= 1000; millis++) {
            LatencySummary.record(histogram, millis * 1_000_000L);
        }

        LatencySummary summary = LatencySummary.of(histogram);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50Millis()).isCloseTo(500, within(1.0));
        assertThat(summary.p99Millis()).isCloseTo(990, within(1.0));
        assertThat(summary.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void aLatencyBeyondTheHistogramCountsAsItsLongestRatherThanFailingTheRun() {
        Histogram histogram = LatencySummary.newHistogram();

        LatencySummary.record(histogram, 3_600_000_000_000L);

        assertThat(LatencySummary.of(histogram).maxMillis()).isCloseTo(600_000, within(600.0));
    }
}
