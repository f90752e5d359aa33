package uk.mash.notify.sla;

/** Where a referral whose referrer has not yet been told is waiting. */
public enum SlaStage {
    /** No outcome yet: intake or triage has not decided (or the pipeline is stuck before triage). */
    AWAITING_OUTCOME,
    /**
     * The latest outcome is provisional and waits for a MASH worker's decision (a section 17 assessment, say): nothing
     * is told until a worker confirms or changes it, so it is the MASH team, not a channel, to chase.
     */
    AWAITING_MASH_DECISION,
    /** An outcome that stands exists but the referrer has not been told on every channel (e.g. a failing webhook). */
    AWAITING_NOTIFICATION;

    static SlaStage of(boolean outcomeIssued, boolean awaitingMashDecision) {
        if (!outcomeIssued) {
            return AWAITING_OUTCOME;
        }
        return awaitingMashDecision ? AWAITING_MASH_DECISION : AWAITING_NOTIFICATION;
    }
}
