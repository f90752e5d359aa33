package uk.mash.notify.operations;

/**
 * Where a dead letter is: its dead-letter topic, partition and offset. A record's offset never changes and is never
 * reused, and dead-letter topics keep their records for ever, so this names one dead letter for good.
 */
public record DeadLetterPosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + " partition " + partition + ", offset " + offset;
    }
}
