package uk.mash.notify.delivery;

/**
 * Called after a message has left and before its delivery is recorded. A bean of this type lets tests stop the
 * notifier at exactly that point, the one place where a crash makes a message go out twice (both times with the
 * same idempotency key).
 */
@FunctionalInterface
public interface DeliveryCheckpoint {

    void sent(String notificationId);
}
