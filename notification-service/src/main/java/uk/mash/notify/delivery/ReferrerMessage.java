package uk.mash.notify.delivery;

import java.time.Instant;

/**
 * What an email or webhook tells the referrer: the decision, what happens next and whom to contact, by referral
 * reference only, never with the child's details. The JSON body of a webhook call.
 *
 * @param notificationId the idempotency key of this message: referral (or rejection), outcome version and channel
 */
public record ReferrerMessage(String notificationId, String referralId, String agencyCode, String agencyReference,
        String subject, String outcome, Integer outcomeVersion, Instant notifiedAt, String message, String contact) {
}
