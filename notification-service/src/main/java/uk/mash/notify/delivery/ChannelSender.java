package uk.mash.notify.delivery;

import uk.mash.events.NotificationChannel;

/** Sends one message on one external channel; throws if the message may not have arrived. */
interface ChannelSender {

    NotificationChannel channel();

    /** Whether this sender carries the message; of the senders of one channel, exactly one carries each message. */
    default boolean carries(PendingDelivery delivery) {
        return true;
    }

    void send(PendingDelivery delivery);

    /** The destination whose failures open one circuit breaker together (a mail server, an agency's host). */
    String circuitOf(PendingDelivery delivery);

    /** The dispatcher has sent its batch on this thread: a connection kept open across the batch is closed. */
    default void batchSent() {
    }
}
