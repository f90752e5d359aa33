package uk.mash.harness.load;

import java.util.concurrent.locks.LockSupport;

/**
 * When each send of an open-loop run is due: send {@code i} at {@code start + i / rate}, whatever happened to the
 * sends before it. Latency is measured from this intended time, not from when the send actually went, so a stall
 * in the pipeline (or in the harness) counts against every referral it delayed: the correction for coordinated
 * omission.
 */
public record ConstantRateSchedule(long startNanos, double perSecond) {

    public ConstantRateSchedule {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("A constant-rate run needs a positive rate, not " + perSecond);
        }
    }

    public static ConstantRateSchedule startingNow(double perSecond) {
        return new ConstantRateSchedule(System.nanoTime(), perSecond);
    }

    public long intendedNanos(long i) {
        return startNanos + Math.round(i * 1_000_000_000d / perSecond);
    }

    /** Waits until send {@code i} is due (at once if it is late) and returns its intended time. */
    public long awaitSend(long i) {
        long intended = intendedNanos(i);
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return intended;
    }

    /** How many sends a run of the given length makes at this rate. */
    public long sendsIn(double seconds) {
        return Math.max(1, Math.round(perSecond * seconds));
    }
}
