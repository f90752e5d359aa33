package uk.mash.notify.delivery;

import java.util.UUID;

import uk.mash.events.NotificationChannel;

/**
 * An email or webhook message not yet delivered, with how often it has been tried.
 *
 * @param replaced whether the referrer has since been told a later outcome of its referral
 */
record PendingDelivery(String notificationId, UUID referralId, String agencyCode, NotificationChannel channel,
        String destination, ReferrerMessage message, int attempts, boolean replaced) {
}
