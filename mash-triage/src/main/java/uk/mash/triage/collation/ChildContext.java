package uk.mash.triage.collation;

import java.util.Optional;
import java.util.UUID;

import uk.mash.triage.rules.ReferralFacts;

/**
 * What triage knows about the child of a referral beyond the referral itself.
 *
 * @param childId triage's id of the matched child
 * @param allocatedWorker the allocated social worker of the child's open case in the referral's local authority, if
 *        any
 * @param collated concerns from several agencies within the window, when there are enough; null otherwise
 */
public record ChildContext(UUID childId, Optional<AllocatedWorker> allocatedWorker,
        ReferralFacts.CollatedConcerns collated) {
}
