package uk.mash.triage.decisions;

import java.time.Instant;

import uk.mash.events.ReferralReceived;

/**
 * An account of a telephone referral that reaches triage after the one triaged as the referral's first version: the
 * referring professional's written follow-up of the call, or the telephone referral as recorded when its written
 * follow-up got there first (the call's event behind the outbox relay, or dead-lettered and republished). A referral
 * has one at most: the written follow-up follows the call, or the call the written follow-up.
 */
public enum LaterAccount {

    WRITTEN_FOLLOW_UP("written-follow-up", "WRITTEN_FOLLOW_UP", "The referring professional's written follow-up of "
            + "the telephone referral", "written follow-up") {

        /** The worker cannot read it before it arrives, and one received on time 23 hours after the call is new. */
        @Override
        Instant received(ReferralReceived account) {
            return account.getWrittenFollowUpReceivedAt();
        }
    },

    LATE_CALL("telephone-referral-after-written-follow-up", "LATE_CALL", "The telephone referral as recorded, which "
            + "reached triage after its written follow-up had been triaged as the referral", "telephone referral") {

        /**
         * When the MASH recorded the call, as for any referral triaged late: it is not queued behind newer work.
         */
        @Override
        Instant received(ReferralReceived account) {
            return account.getReceivedAt();
        }
    };

    private final String ruleId;
    private final String audited;
    private final String described;
    private final String named;

    LaterAccount(String ruleId, String audited, String described, String named) {
        this.ruleId = ruleId;
        this.audited = audited;
        this.described = described;
        this.named = named;
    }

    /** The rule id of the first reason of what the account issues and of its MASH worker's task. */
    public String ruleId() {
        return ruleId;
    }

    /** When the MASH received the account: its task's deadline runs from then. */
    abstract Instant received(ReferralReceived account);

    /** The account in a reason's explanation. */
    String described() {
        return described;
    }

    /** The account in the audit trail, without personal data. */
    String named() {
        return named;
    }

    /** The audit trail's action for the account triaged. */
    String triagedAction() {
        return audited + "_TRIAGED";
    }

    /** The audit trail's action for another record carrying the account after the one kept. */
    String repeatedAction() {
        return audited + "_REPEATED";
    }
}
