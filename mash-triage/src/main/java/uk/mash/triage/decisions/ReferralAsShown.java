package uk.mash.triage.decisions;

import java.util.ArrayList;
import java.util.List;

import uk.mash.events.TriageOutcomeIssued;

/**
 * What the task page shows a MASH worker of a referral: the outcome version that stands, and whether the written
 * follow-up and a telephone referral that reached triage after it are on the page. A decision names what its worker
 * saw: one made on a page opened before the referral changed (a written follow-up raising a section 47 enquiry, say)
 * would otherwise withdraw what the worker never read and close its task unread.
 *
 * @param outcomeVersion the referral's latest outcome version
 * @param writtenFollowUp the referral has a written follow-up
 * @param lateCall the telephone referral as recorded reached triage after its written follow-up
 */
public record ReferralAsShown(int outcomeVersion, boolean writtenFollowUp, boolean lateCall) {

    static ReferralAsShown of(TriageOutcomeIssued latest, ReferralAsKnown referral) {
        return new ReferralAsShown(latest.getOutcomeVersion(), referral.writtenFollowUp().isPresent(),
                referral.lateCall().isPresent());
    }

    /** What a decision that saw this much did not see of the referral as it is shown now; empty when nothing. */
    public List<Change> unseenBy(Integer outcomeVersionSeen, boolean writtenFollowUpSeen, boolean lateCallSeen) {
        List<Change> unseen = new ArrayList<>();
        if (outcomeVersionSeen == null || outcomeVersionSeen != outcomeVersion) {
            unseen.add(Change.OUTCOME_VERSION);
        }
        if (writtenFollowUp && !writtenFollowUpSeen) {
            unseen.add(Change.WRITTEN_FOLLOW_UP);
        }
        if (lateCall && !lateCallSeen) {
            unseen.add(Change.LATE_CALL);
        }
        return unseen;
    }

    /** A change to the referral a decision did not see, by the field of the decision that names what it saw. */
    public enum Change {
        OUTCOME_VERSION("outcomeVersion"),
        WRITTEN_FOLLOW_UP("writtenFollowUpSeen"),
        LATE_CALL("lateCallSeen");

        private final String field;

        Change(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
