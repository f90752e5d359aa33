package uk.mash.triage.decisions;

import java.time.Duration;
import java.time.Instant;

/**
 * A MASH worker's opening of a task, which the other workers are shown for a while as the task being in that worker's
 * hands. It is a notice, not a lock: anyone may still decide the task, so that a referral never waits on a worker who
 * opened it and went home.
 */
public record TaskInHand(String worker, Instant since) {

    /** Whether the opening is recent enough at {@code now} to show, to a worker other than the one who opened it. */
    boolean shownTo(String otherWorker, Instant now, Duration shownFor) {
        return !worker.equals(otherWorker) && since.isAfter(now.minus(shownFor));
    }
}
