package uk.mash.intake.telephone;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.store.SubmissionContent;

/**
 * A telephone referral's written follow-up as stored, and the received event it was published as.
 *
 * @param source where on the submitted topic it came from; null when it came by REST
 */
public record WrittenFollowUp(ReferralReceived published, SourcePosition source) {

    public boolean saidTheSame(ReferralSubmitted submission) {
        return SubmissionContent.same(published.getReferral(), submission);
    }

    /** Whether it came in the record at this position, which is then being redelivered. */
    public boolean cameFrom(SourcePosition position) {
        return source != null && source.equals(position);
    }
}
