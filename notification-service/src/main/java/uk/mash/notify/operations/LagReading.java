package uk.mash.notify.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reading of the pipeline's consumer lag and of the records on dead-letter topics.
 *
 * @param readAt when it was read
 * @param partitions every partition the groups consume, lagging or not
 * @param deadLettered records on each dead-letter topic, by topic
 * @param failure why the latest attempt to read failed ({@code null} when it did not); the figures are then those of
 *        the last reading that succeeded, at {@code readAt}
 */
public record LagReading(Instant readAt, List<PartitionLag> partitions, Map<String, Long> deadLettered,
        String failure) {

    static final LagReading NONE = new LagReading(null, List.of(), Map.of(), "Not read yet.");

    LagReading failedWith(String reason) {
        return new LagReading(readAt, partitions, deadLettered, reason);
    }
}
