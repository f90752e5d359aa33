package uk.mash.intake.store;

import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.serde.StoredEvents;

/**
 * A referral already holding the agency reference or the idempotency key a submission came with.
 *
 * @param idempotencyKey the key it was sent with, if any (a telephone referral's is its written follow-up's)
 * @param childKey the pseudonymous key of its child, under which its events are published
 * @param storedSubmission the submission as stored ({@link StoredEvents})
 */
public record ExistingReferral(StoredReferral referral, String idempotencyKey, String childKey,
        byte[] storedSubmission) {

    public boolean hasAgencyReference(String agencyReference) {
        return referral.agencyReference().equals(agencyReference);
    }

    /** Read only when a submission's reference or key is taken, which is seldom: a retry, or a mistake. */
    public boolean saidTheSame(ReferralSubmitted submission) {
        return SubmissionContent.same(submission(), submission);
    }

    public ReferralSubmitted submission() {
        return StoredEvents.decode(storedSubmission, ReferralSubmitted.class);
    }
}
