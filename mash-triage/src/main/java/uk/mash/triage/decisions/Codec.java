package uk.mash.triage.decisions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/** Avro single-object encoding of the events triage keeps, so a stored event is re-sent byte for byte. */
final class Codec {

    private Codec() {
    }

    static ByteBuffer encode(TriageOutcomeIssued outcome) {
        try {
            return TriageOutcomeIssued.getEncoder().encode(outcome);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer encode(TriageTaskCreated task) {
        try {
            return TriageTaskCreated.getEncoder().encode(task);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TriageOutcomeIssued outcome(byte[] bytes) {
        try {
            return TriageOutcomeIssued.getDecoder().decode(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TriageTaskCreated task(byte[] bytes) {
        try {
            return TriageTaskCreated.getDecoder().decode(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
