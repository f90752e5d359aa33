package uk.mash.notify.operations;

import java.time.Instant;
import java.util.List;

/**
 * One reading of the pipeline's consumer lag and of the dead letters waiting to be republished (dismissed ones are not
 * waiting).
 *
 * @param readAt when it was read
 * @param partitions every partition the groups consume, lagging or not
 * @param deadLetters each dead-letter topic's records neither republished nor dismissed
 * @param failure why the latest attempt to read failed ({@code null} when it did not); the figures are then those of
 *        the last reading that succeeded, at {@code readAt}
 */
public record LagReading(Instant readAt, List<PartitionLag> partitions, List<DeadLetters> deadLetters,
        String failure) {

    static final LagReading NONE = new LagReading(null, List.of(), List.of(), "Not read yet.");

    LagReading failedWith(String reason) {
        return new LagReading(readAt, partitions, deadLetters, reason);
    }
}
