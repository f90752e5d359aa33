package uk.mash.harness;

import java.time.Instant;
import java.util.List;

import uk.mash.harness.baseline.RawKafkaBaseline;
import uk.mash.harness.correctness.CorrectnessCheck;
import uk.mash.harness.pipeline.JitWarmUp;
import uk.mash.harness.pipeline.OpenLoopRun;
import uk.mash.harness.pipeline.SaturationRun;
import uk.mash.harness.report.MachineFacts;
import uk.mash.harness.report.OutcomeMix;
import uk.mash.harness.report.ResidentMemory;
import uk.mash.harness.rest.RestRun;

/**
 * Everything one run measured.
 *
 * @param settings what the run did
 * @param machine the machine, and how busy it was at the start
 * @param loadAverageAtEnd the load average when the run finished
 * @param jvmArguments the JVM's flags (heap, GC)
 * @param startUpSeconds the local stack's start-up, on a fresh data directory
 * @param afterStartUp the stack's memory just after start-up
 * @param atEnd the stack's memory at the end, and its peak over the run
 * @param warmUp the warm-up rounds before anything was measured
 * @param saturationRuns the pipeline draining a pre-filled backlog, one drain after the other
 * @param saturation the median of those drains
 * @param baselineRuns raw Kafka draining all the pipeline's drains' submissions at once, as often, one transaction
 *     per poll, through a consumer for each of the services' listeners on a referral's way
 * @param baseline the median of those drains: what the targets read against
 * @param pathRuns the same, through the consumers on the path from submission to notification only
 * @param path the median of those drains
 * @param baselinePerRecord raw Kafka draining it with one transaction per record, as the services' listeners commit
 * @param openLoop constant-rate runs below saturation
 * @param rest the REST way in
 * @param mix outcomes by profile
 * @param verdict whether every referral ended correctly
 * @param finishedAt when the run ended
 */
public record BenchmarkReport(BenchmarkSettings settings, MachineFacts machine, String loadAverageAtEnd,
        String jvmArguments, double startUpSeconds, ResidentMemory afterStartUp, ResidentMemory atEnd,
        JitWarmUp.Result warmUp, List<SaturationRun.Result> saturationRuns, SaturationRun.Result saturation,
        List<RawKafkaBaseline.Result> baselineRuns, RawKafkaBaseline.Result baseline,
        List<RawKafkaBaseline.Result> pathRuns, RawKafkaBaseline.Result path,
        RawKafkaBaseline.Result baselinePerRecord, List<OpenLoopRun.Result> openLoop, RestRun.Result rest,
        List<OutcomeMix> mix, CorrectnessCheck.Verdict verdict, Instant finishedAt) {

    public double baselineRatio() {
        return saturation.perSecond() / baseline.perSecond();
    }

    public double pathRatio() {
        return saturation.perSecond() / path.perSecond();
    }
}
