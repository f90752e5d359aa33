package uk.mash.triage.decisions;

import java.util.List;

/**
 * A decision that would be unsafe for the referral it is about, refused before anything is recorded: each problem
 * names the field of the decision at fault and what to do about it.
 */
public class DecisionRefusedException extends RuntimeException {

    private final List<Problem> problems;

    DecisionRefusedException(List<Problem> problems) {
        super("The decision was refused: " + problems.stream().map(Problem::field).toList());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** A field of the decision at fault, and what to do about it, in words for the worker. */
    public record Problem(String field, String message) {
    }
}
