package uk.mash.triage.rules;

import java.util.List;

/**
 * A rule pack that must not be used: triage refuses to start rather than decide referrals by rules that are
 * incomplete, contradictory or uncited. The message lists every problem found.
 */
public class InvalidRulePackException extends RuntimeException {

    private final List<String> problems;

    public InvalidRulePackException(String pack, List<String> problems) {
        super("Rule pack " + pack + " is not valid, so MASH triage will not start:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
