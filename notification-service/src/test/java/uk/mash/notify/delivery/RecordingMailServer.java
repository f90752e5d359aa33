package uk.mash.notify.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import uk.mash.events.NotificationChannel;

/** A mail server that takes every email, noting its notification id, and lets a test act as each arrives. */
final class RecordingMailServer implements ChannelSender {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Consumer<PendingDelivery> onEach;

    /** @param onEach run once each email is noted; what it throws is the mail server's answer */
    RecordingMailServer(Consumer<PendingDelivery> onEach) {
        this.onEach = onEach;
    }

    /** The notification ids of the emails sent, in order, repeats included. */
    List<String> sent() {
        return sent;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public void send(PendingDelivery delivery) {
        sent.add(delivery.notificationId());
        onEach.accept(delivery);
    }

    @Override
    public String circuitOf(PendingDelivery delivery) {
        return "email";
    }
}
