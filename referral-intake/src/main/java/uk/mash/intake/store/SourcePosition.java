package uk.mash.intake.store;

/** Where on the submitted topic a submission was: the record's partition and offset. */
public record SourcePosition(int partition, long offset) {
}
