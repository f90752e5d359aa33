package uk.mash.harness.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the pipeline to finish the referrals of a phase, logging progress and where referrals wait (consumer lag
 * per service, intake's outbox) every few seconds, and gives up loudly if nothing completes for too long.
 */
public final class DrainWatch {

    private static final Logger log = LoggerFactory.getLogger(DrainWatch.class);
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    /** Progress at one moment of a phase. */
    public record Sample(double seconds, long completed, PipelineBacklog.Snapshot backlog) {
    }

    private final PipelineObserver observer;
    private final PipelineBacklog backlog;
    private final Duration stall;

    public DrainWatch(PipelineObserver observer, PipelineBacklog backlog, Duration stall) {
        this.observer = observer;
        this.backlog = backlog;
        this.stall = stall;
    }

    /**
     * @param phase named in the log and in the failure
     * @param from referrals the observer had completed when the phase began
     * @param count referrals the phase submitted
     * @return the backlog samples taken while waiting
     */
    public List<Sample> await(String phase, long from, long count) {
        long started = System.nanoTime();
        long lastProgress = started;
        long lastCompleted = observer.completed();
        List<Sample> samples = new ArrayList<>();
        try {
            while (!observer.awaitCompleted(from + count, SAMPLE_EVERY)) {
                long now = System.nanoTime();
                long completed = observer.completed();
                PipelineBacklog.Snapshot snapshot = backlog.snapshot();
                samples.add(new Sample((now - started) / 1e9, completed - from, snapshot));
                log.info("{}: {} of {} referrals through the pipeline; {}", phase, completed - from, count,
                        snapshot.describe());
                if (completed != lastCompleted) {
                    lastCompleted = completed;
                    lastProgress = now;
                }
                else if (now - lastProgress > stall.toNanos()) {
                    throw new PipelineStalled(phase + ": no referral completed for " + stall.toSeconds() + " s; "
                            + (completed - from) + " of " + count + " done; " + snapshot.describe());
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineStalled(phase + ": interrupted while waiting for the pipeline");
        }
        return samples;
    }

    /** The pipeline stopped finishing referrals: the run cannot be measured and fails. */
    public static final class PipelineStalled extends RuntimeException {

        PipelineStalled(String message) {
            super(message);
        }
    }
}
