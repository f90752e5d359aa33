package uk.mash.intake.store;

import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.serde.StoredEvents;

/**
 * A referral already holding the agency reference or the idempotency key a submission came with.
 *
 * @param idempotencyKey the key it was sent with, if any
 * @param storedSubmission the submission as stored ({@link StoredEvents})
 */
public record ExistingReferral(StoredReferral referral, String idempotencyKey, byte[] storedSubmission) {

    public boolean hasAgencyReference(String agencyReference) {
        return referral.agencyReference().equals(agencyReference);
    }

    /** Read only when a submission's reference or key is taken, which is seldom: a retry, or a mistake. */
    public boolean saidTheSame(ReferralSubmitted submission) {
        return SubmissionContent.same(StoredEvents.decode(storedSubmission, ReferralSubmitted.class), submission);
    }
}
