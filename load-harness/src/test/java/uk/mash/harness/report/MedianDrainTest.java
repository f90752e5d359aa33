package uk.mash.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.mash.harness.pipeline.ReferrerMessages;
import uk.mash.harness.pipeline.SaturationRun;

class MedianDrainTest {

    @Test
    void theMedianDrainIsReportedWhicheverOrderTheyRanIn() {
        SaturationRun.Result slow = drainedIn(12.5);
        SaturationRun.Result middle = drainedIn(10);
        SaturationRun.Result fast = drainedIn(8);

        assertThat(MedianDrain.of(List.of(fast, slow, middle), SaturationRun.Result::perSecond)).isSameAs(middle);
    }

    @Test
    void ofTwoDrainsTheSlowerIsReported() {
        SaturationRun.Result slow = drainedIn(12.5);

        assertThat(MedianDrain.of(List.of(drainedIn(8), slow), SaturationRun.Result::perSecond)).isSameAs(slow);
    }

    private static SaturationRun.Result drainedIn(double seconds) {
        return new SaturationRun.Result(10_000, seconds, new CpuSampler.CpuUse(1, 1),
                new DatabaseWal.Written(0, 0, 0), List.of(), Map.of(),
                new ReferrerMessages.Window(0, 0, 0), seconds, DatabaseStatements.Summary.notCounted());
    }
}
