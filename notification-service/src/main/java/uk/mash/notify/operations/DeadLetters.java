package uk.mash.notify.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The records on a dead-letter topic neither republished nor dismissed from the operations page: each is a referral
 * that has not progressed. Records, not offsets: the transaction markers between them are not counted.
 *
 * @param topic the dead-letter topic
 * @param waiting records neither republished nor dismissed
 * @param oldestWaitingSince when the oldest of them was dead-lettered ({@code null} when none waits)
 * @param reasons how many wait for each reason: the router's unroutable reason, or the exception's class name (never
 *        its message, which could quote a record)
 * @param oldest the oldest records waiting, one by one, up to {@link #LISTED} of them
 */
public record DeadLetters(String topic, long waiting, Instant oldestWaitingSince, Map<String, Long> reasons,
        List<Waiting> oldest) {

    /** Enough to go through one by one; the rest are counted in {@code reasons}. */
    public static final int LISTED = 20;

    /**
     * One record waiting: where it is, its key (an agency reference, a referral id or a child key, as its topic's
     * contract says), when it was dead-lettered and why.
     */
    public record Waiting(int partition, long offset, String key, Instant deadLetteredAt, String reason) {
    }

    /** Seconds the oldest has waited by {@code now}; 0 when none waits. */
    public long ageSeconds(Instant now) {
        return PartitionLag.secondsWaited(oldestWaitingSince, now);
    }
}
