package uk.mash.triage.decisions;

import java.util.List;
import java.util.UUID;

/**
 * A decision that would be unsafe for the referral it is about, refused before anything is recorded: each problem
 * names the field of the decision at fault and what to do about it.
 */
public class DecisionRefusedException extends RuntimeException {

    private final UUID taskId;
    private final UUID referralId;
    private final String attempted;
    private final List<Problem> problems;

    /** @param attempted what the worker decided, e.g. "OVERRIDE to EARLY_HELP", and why, as they gave it */
    DecisionRefusedException(UUID taskId, UUID referralId, String attempted, List<Problem> problems) {
        super("The decision was refused: " + problems.stream().map(Problem::field).toList());
        this.taskId = taskId;
        this.referralId = referralId;
        this.attempted = attempted;
        this.problems = List.copyOf(problems);
    }

    public UUID taskId() {
        return taskId;
    }

    public UUID referralId() {
        return referralId;
    }

    public String attempted() {
        return attempted;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** A field of the decision at fault, and what to do about it, in words for the worker. */
    public record Problem(String field, String message) {
    }
}
