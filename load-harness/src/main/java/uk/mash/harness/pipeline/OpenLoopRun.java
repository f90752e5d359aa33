package uk.mash.harness.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import uk.mash.harness.kafka.SubmissionPayloads;
import uk.mash.harness.kafka.SubmissionPayloads.Payload;
import uk.mash.harness.load.ConstantRateSchedule;
import uk.mash.harness.load.LatencySummary;

/**
 * Submissions at a constant rate below saturation, open loop: each is published when it is due whatever the
 * pipeline is doing, and its latency runs from that intended time to the harness seeing the referrer's
 * notification of the first outcome. Referrals whose outcome does not stand (a provisional section 17 waiting for a
 * MASH worker) load the pipeline but have no notification to time.
 */
public final class OpenLoopRun {

    /**
     * @param label what the run is, e.g. "50% of saturation"
     * @param perSecond the constant rate asked for
     * @param sent submissions published
     * @param sendSeconds from the first intended send to the last actual one
     * @param latency submission to notification, corrected for coordinated omission
     */
    public record Result(String label, double perSecond, long sent, double sendSeconds, LatencySummary latency) {
    }

    private final PipelineObserver observer;
    private final DrainWatch watch;

    public OpenLoopRun(PipelineObserver observer, DrainWatch watch) {
        this.observer = observer;
        this.watch = watch;
    }

    public Result run(String label, double perSecond, String submittedTopic, List<Payload> payloads,
            SubmissionPayloads sender) {
        long before = observer.completed();
        Map<String, Long> intended = new HashMap<>();
        ConstantRateSchedule schedule = ConstantRateSchedule.startingNow(perSecond);
        for (int i = 0; i < payloads.size(); i++) {
            Payload payload = payloads.get(i);
            intended.put(payload.agencyReference(), schedule.awaitSend(i));
            sender.send(submittedTopic, payload);
        }
        double sendSeconds = (System.nanoTime() - schedule.startNanos()) / 1e9;
        sender.flush();
        watch.await(label, before, payloads.size());
        return new Result(label, perSecond, payloads.size(), sendSeconds, latencies(intended));
    }

    /** Submission to notification for each referral whose referrer was told, from the intended submission time. */
    public LatencySummary latencies(Map<String, Long> intendedNanos) {
        Histogram histogram = LatencySummary.newHistogram();
        intendedNanos.forEach((reference, intended) -> {
            ReferralTrace trace = observer.trace(reference);
            if (trace != null && trace.notifiedOfFirstOutcome()) {
                LatencySummary.record(histogram, trace.completedNanos() - intended);
            }
        });
        return LatencySummary.of(histogram);
    }
}
