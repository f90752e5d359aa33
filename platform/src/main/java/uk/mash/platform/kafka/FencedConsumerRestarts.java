package uk.mash.platform.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts again a listener's consumer stopped because its transactional producer was fenced
 * ({@link ContainerProperties#setStopContainerWhenFenced}). Left running, Spring Kafka's container would skip the
 * fenced poll and go on to the next, whose commit then moves the group's offsets past records whose outputs were
 * never published: a referral stored but never routed or told, if the fence came from the transaction timing out
 * (a slow database) rather than from a rebalance. A new consumer instead starts from the last committed offsets, so
 * the fenced poll is read again, and every service's handling of a redelivered record sends what it stored the first
 * time.
 */
public final class FencedConsumerRestarts implements ApplicationListener<ConsumerStoppedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FencedConsumerRestarts.class);
    private static final Duration STOPPING_CHECK = Duration.ofMillis(50);

    // the event comes on the stopping consumer's own thread, which must end before its container can start again
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fenced-consumer-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    @Override
    public void onApplicationEvent(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED || closing) {
            return;
        }
        MessageListenerContainer consumer = event.getSource(MessageListenerContainer.class);
        log.warn("Consumer {} stopped after its producer was fenced; starting it again from the committed offsets",
                consumer.getListenerId());
        restarts.execute(() -> startAgain(consumer));
    }

    private void startAgain(MessageListenerContainer consumer) {
        try {
            while (consumer.isRunning() && !closing) {
                Thread.sleep(STOPPING_CHECK.toMillis());
            }
            if (!closing) {
                consumer.start();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        closing = true;
        restarts.shutdownNow();
    }
}
