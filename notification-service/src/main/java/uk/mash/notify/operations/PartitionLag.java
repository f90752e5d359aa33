package uk.mash.notify.operations;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a consumer group is behind on one partition: the records between its committed offset and the last
 * committed record, and since when the oldest of them has waited ({@code null} when none waits).
 */
public record PartitionLag(String group, String topic, int partition, long records, Instant oldestWaitingSince) {

    /** Seconds the oldest waiting record has waited by {@code now}; 0 when none waits. */
    public long ageSeconds(Instant now) {
        return secondsWaited(oldestWaitingSince, now);
    }

    static long secondsWaited(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
    }
}
