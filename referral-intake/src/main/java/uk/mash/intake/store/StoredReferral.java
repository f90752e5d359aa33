package uk.mash.intake.store;

import java.time.Instant;
import java.util.UUID;

/** What intake keeps about an accepted referral, without the child's details. */
public record StoredReferral(UUID referralId, String agencyCode, String agencyReference, String localAuthority,
        String channel, String status, Instant receivedAt) {
}
