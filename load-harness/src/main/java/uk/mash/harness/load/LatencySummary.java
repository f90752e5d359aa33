package uk.mash.harness.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of one latency distribution, in milliseconds.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {

    /** Longest latency a histogram can hold: ten minutes, at microsecond resolution, three significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** For latencies recorded from several threads (HTTP responses complete on the client's threads). */
    public static ConcurrentHistogram newConcurrentHistogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    /** Records one latency given in nanoseconds; longer than the histogram holds counts as its longest. */
    public static void record(AbstractHistogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    public static LatencySummary of(AbstractHistogram histogram) {
        return new LatencySummary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1_000d;
    }
}
