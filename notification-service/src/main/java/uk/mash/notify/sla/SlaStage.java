package uk.mash.notify.sla;

/** Where a referral whose referrer has not yet been told is waiting. */
public enum SlaStage {
    /** No outcome yet: intake or triage has not decided (or the pipeline is stuck before triage). */
    AWAITING_OUTCOME,
    /** An outcome exists but the referrer has not been told on every channel (e.g. awaiting a MASH worker's confirmation, or a failing webhook). */
    AWAITING_NOTIFICATION
}
