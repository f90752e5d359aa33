package uk.mash.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.mash.harness.report.CpuSampler;

class SaturationRunTest {

    @Test
    void theMedianDrainIsReportedWhicheverOrderTheyRanIn() {
        SaturationRun.Result slow = drainedIn(12.5);
        SaturationRun.Result middle = drainedIn(10);
        SaturationRun.Result fast = drainedIn(8);

        assertThat(SaturationRun.median(List.of(fast, slow, middle))).isSameAs(middle);
    }

    @Test
    void ofTwoDrainsTheSlowerIsReported() {
        SaturationRun.Result slow = drainedIn(12.5);

        assertThat(SaturationRun.median(List.of(drainedIn(8), slow))).isSameAs(slow);
    }

    private static SaturationRun.Result drainedIn(double seconds) {
        return new SaturationRun.Result(10_000, seconds, new CpuSampler.CpuUse(1, 1), List.of());
    }
}
