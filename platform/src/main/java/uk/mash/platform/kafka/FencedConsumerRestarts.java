package uk.mash.platform.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
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
 * time. A consumer fenced again soon after waits twice as long each time, up to a minute, so that a poll that always
 * outlives its transaction does not turn into a rebalance a second; each restart is counted
 * ({@code referrals.consumer.fenced.restarts}, by listener) for the on-call operator's alert.
 */
public final class FencedConsumerRestarts implements ApplicationListener<ConsumerStoppedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FencedConsumerRestarts.class);
    private static final Duration STOPPING_CHECK = Duration.ofMillis(50);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    /** A fence this long after the last restart is taken as a new one, started again at once. */
    private static final Duration QUIET_AFTER = Duration.ofMinutes(5);

    private final MeterRegistry meters;
    private final Clock clock;
    // the event comes on the stopping consumer's own thread, which must end before its container can start again
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fenced-consumer-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Restart> lastRestarts = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public FencedConsumerRestarts(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED || closing) {
            return;
        }
        MessageListenerContainer consumer = event.getSource(MessageListenerContainer.class);
        MessageListenerContainer listener = event.getContainer(MessageListenerContainer.class);
        String consumerId = String.valueOf(consumer.getListenerId());
        Restart restart = lastRestarts.compute(consumerId, (id, last) -> Restart.after(last, clock.instant()));
        meters.counter("referrals.consumer.fenced.restarts", "listener", String.valueOf(listener.getListenerId()))
                .increment();
        log.warn("Consumer {} stopped after its producer was fenced; starting it again from the committed offsets in "
                + "{} ms (restart {} since it was last quiet)", consumerId, restart.delay().toMillis(), restart.count());
        restarts.schedule(() -> startAgain(consumer, listener), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startAgain(MessageListenerContainer consumer, MessageListenerContainer listener) {
        try {
            while (consumer.isRunning() && !closing) {
                Thread.sleep(STOPPING_CHECK.toMillis());
            }
            // a listener stopped meanwhile (the service shutting down) keeps its consumer stopped
            if (!closing && listener.isRunning()) {
                consumer.start();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            log.error("Consumer {} could not be started again after its producer was fenced ({}); its partitions "
                    + "wait for a restart of the service", consumer.getListenerId(), e.getClass().getName());
        }
    }

    @Override
    public void destroy() {
        closing = true;
        restarts.shutdownNow();
    }

    /** The restarts of one consumer since it was last quiet, and how long this one waits. */
    record Restart(Instant at, int count, Duration delay) {

        static Restart after(Restart last, Instant now) {
            if (last == null || last.at().plus(QUIET_AFTER).isBefore(now)) {
                return new Restart(now, 1, Duration.ZERO);
            }
            Duration doubled = last.delay().isZero() ? FIRST_WAIT : last.delay().multipliedBy(2);
            return new Restart(now, last.count() + 1, doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled);
        }
    }
}
