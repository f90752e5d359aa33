package uk.mash.notify.referrer;

import java.time.Instant;
import java.util.UUID;

/** A notification as the referrer and operations may see it: references, never the child's details. */
public record StoredNotification(String notificationId, UUID referralId, String agencyCode, String agencyReference,
        String channel, String subject, String outcome, Integer outcomeVersion, Instant notifiedAt, String message,
        String contact) {
}
