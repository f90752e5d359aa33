package uk.mash.triage.decisions;

import java.util.List;

/**
 * A decision made on a task page opened before the referral changed, refused before anything is recorded: the worker
 * must read what changed (a new outcome version, a written follow-up, the telephone referral arriving late) first.
 */
public class ReferralChangedException extends RuntimeException {

    public static final String MESSAGE = "The referral has changed since you opened this task: open it again";

    private final List<ReferralAsShown.Change> unseen;

    ReferralChangedException(List<ReferralAsShown.Change> unseen) {
        super("The decision was refused, made on a page opened before the referral changed: "
                + unseen.stream().map(ReferralAsShown.Change::field).toList());
        this.unseen = List.copyOf(unseen);
    }

    /** Each change the decision did not see, by the field naming what it saw. */
    public List<DecisionRefusedException.Problem> problems() {
        return unseen.stream().map(change -> new DecisionRefusedException.Problem(change.field(), MESSAGE)).toList();
    }
}
