package uk.mash.notify.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;

/**
 * Sends stored email and webhook messages until each is delivered: a batch of them in one database transaction,
 * holding their row locks and their referrals' while they are sent one after another, so two instances never send a
 * message, or two messages of one referral, at once. A failure is retried with exponential back-off, never dropped;
 * a destination that keeps failing opens its circuit breaker and is left alone for a while. A message the
 * destination refuses outright ({@link UndeliverableMessage}) is marked undeliverable, logged, counted and
 * audited instead: it keeps the referral's SLA clock running, so the referral breaches and operations telephone the
 * referrer. A message of an outcome the referrer has since been told a later version of is marked superseded and
 * not sent. A crash after sending and before the batch's transaction commits sends its messages again with the same
 * idempotency keys. Several batches are sent at once ({@code referrals.notify.delivery.senders}), as several instances
 * would send them.
 */
@Component
class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Map<NotificationChannel, List<ChannelSender>> senders = new EnumMap<>(NotificationChannel.class);
    private final TransactionTemplate transactions;
    private final SlaClock slaClock;
    private final Clock clock;
    private final ObjectProvider<DeliveryCheckpoint> checkpoints;
    private final CircuitBreakerRegistry breakers;
    private final NotifySettings settings;
    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final AtomicInteger singlyAfterAFailedBatch = new AtomicInteger();
    private final ExecutorService sendingThreads;
    private volatile boolean closing;

    DeliveryDispatcher(Deliveries deliveries, List<ChannelSender> senders, TransactionTemplate transactions,
            SlaClock slaClock, Clock clock, ObjectProvider<DeliveryCheckpoint> checkpoints, NotifySettings settings,
            MeterRegistry meters, AuditTrail audit) {
        this.deliveries = deliveries;
        this.audit = audit;
        senders.forEach(sender -> this.senders.computeIfAbsent(sender.channel(), channel -> new ArrayList<>())
                .add(sender));
        this.transactions = transactions;
        this.slaClock = slaClock;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.meters = meters;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.delivery().circuitBreakerWait())
                .ignoreExceptions(UndeliverableMessage.class)
                .build());
        AtomicInteger threads = new AtomicInteger();
        this.sendingThreads = Executors.newFixedThreadPool(settings.delivery().senders(), task -> {
            Thread thread = new Thread(task, "delivery-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("referrer.deliveries.pending", pending, AtomicLong::get)
                .description("Email and webhook messages to referrers not yet delivered").register(meters);
        Gauge.builder("referrer.deliveries.undeliverable", undeliverable, AtomicLong::get)
                .description("Messages to referrers their destination refused; each referrer must be telephoned")
                .register(meters);
    }

    /**
     * Tries every message due now, a batch at a time, until a batch is not full or none of it could be sent for
     * another sender having its referrals; answers how many were delivered. A backlog (after an outage of a
     * destination, or a burst of referrals) is worked through at once rather than a batch per poll interval.
     */
    int dispatch() {
        if (closing) {
            return 0;
        }
        int delivered = 0;
        Batch batch;
        do {
            boolean single = singlyAfterAFailedBatch.get() > 0;
            batch = deliverBatch(single ? 1 : settings.delivery().batchSize());
            delivered += batch.delivered();
            if (batch.notRecorded() && !single) {
                singlyAfterAFailedBatch.set(batch.taken());
            }
            else if (single) {
                singlyAfterAFailedBatch.decrementAndGet();
            }
        }
        while (batch.fullAndSomeHandled() && !closing);
        return delivered;
    }

    /**
     * The service is shutting down: the message in hand is finished, the batch's deliveries recorded, and the rest
     * wait for the next start. Working on through a backlog would hold shutdown for the scheduler's whole timeout
     * (30 s), after which the connection pool closes under the dispatcher and every message it could no longer record
     * is logged as an error.
     */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
        sendingThreads.shutdown();
    }

    /**
     * Sends a batch of the messages due in one transaction, which holds their locks and their referrals' until it
     * records what became of each: a commit and its write to disk for a batch rather than for each message. Should
     * the recording fail, every message of the batch is sent again with the same idempotency key; so that one message
     * whose delivery cannot be recorded does not hold back the others, the messages of a batch that failed are then
     * taken one to a transaction.
     */
    private Batch deliverBatch(int size) {
        List<String> taken = new ArrayList<>();
        try {
            return transactions.execute(status -> {
                taken.addAll(deliveries.lockDue(size));
                List<PendingDelivery> due = deliveries.referralFree(taken);
                Outcomes outcomes = new Outcomes();
                int handled = 0;
                try {
                    for (; handled < due.size() && !closing; handled++) {
                        PendingDelivery delivery = due.get(handled);
                        if (delivery.replaced()) {
                            outcomes.superseded.add(delivery);
                        }
                        else if (sent(delivery)) {
                            outcomes.delivered.add(delivery);
                        }
                    }
                }
                finally {
                    senders.values().forEach(channel -> channel.forEach(ChannelSender::batchSent));
                }
                record(outcomes);
                return new Batch(size, taken.size(), handled, outcomes.delivered.size(), false);
            });
        }
        catch (RuntimeException e) {
            log.error("Delivery of notifications {} not recorded; they will be sent again with the same "
                    + "idempotency keys", taken, e);
            if (taken.size() == 1) {
                putBack(taken.get(0));
            }
            return new Batch(size, taken.size(), 0, 0, true);
        }
    }

    private void putBack(String notificationId) {
        try {
            transactions.executeWithoutResult(status -> deliveries.notRecorded(notificationId));
        }
        catch (RuntimeException e) {
            log.error("Notification {} could not be put back to be tried later", notificationId, e);
        }
    }

    /**
     * Whether the message went. A failure is recorded at once, in the batch's transaction; a delivery with the
     * others, once the batch is done.
     */
    private boolean sent(PendingDelivery delivery) {
        ChannelSender sender = senderOf(delivery);
        try {
            breakers.circuitBreaker(sender.circuitOf(delivery)).executeRunnable(() -> sender.send(delivery));
        }
        catch (CallNotPermittedException e) {
            deliveries.failed(delivery, "circuit open for " + sender.circuitOf(delivery));
            return false;
        }
        catch (UndeliverableMessage e) {
            String reason = Deliveries.storable(e.getMessage());
            log.error("Notification {} refused by {} and not retried; the referrer must be telephoned: {}",
                    delivery.notificationId(), sender.circuitOf(delivery), reason);
            deliveries.undeliverable(delivery, reason);
            audit.record("REFERRER_MESSAGE_UNDELIVERABLE", delivery.referralId(),
                    delivery.message().subject() + " by " + delivery.channel() + " as " + delivery.notificationId()
                            + " refused: " + reason);
            counted(delivery, "undeliverable");
            return false;
        }
        catch (RuntimeException e) {
            // by the exceptions' kinds only: a mail server's message can quote the recipient's address
            log.warn("Notification {} not delivered by {} (attempt {}): {} ({})", delivery.notificationId(),
                    delivery.channel(), delivery.attempts() + 1, e.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
            deliveries.failed(delivery, e.getClass().getSimpleName());
            counted(delivery, "failed");
            return false;
        }
        checkpoints.orderedStream().forEach(checkpoint -> checkpoint.sent(delivery.notificationId()));
        return true;
    }

    /**
     * Records the batch's messages delivered and those not sent because a later outcome replaced theirs (they would
     * reach the referrer after the later decision and read as the current one), and stops the clocks of their
     * referrals that no message waits for any longer.
     */
    private void record(Outcomes outcomes) {
        deliveries.superseded(outcomes.superseded);
        for (PendingDelivery delivery : outcomes.superseded) {
            audit.record("REFERRER_MESSAGE_SUPERSEDED", delivery.referralId(), delivery.message().subject() + " by "
                    + delivery.channel() + " as " + delivery.notificationId() + " not sent: a later outcome was told");
            counted(delivery, "superseded");
        }
        deliveries.delivered(outcomes.delivered);
        for (PendingDelivery delivery : outcomes.delivered) {
            audit.record("REFERRER_MESSAGE_DELIVERED", delivery.referralId(),
                    delivery.message().subject() + " by " + delivery.channel() + " as " + delivery.notificationId());
            counted(delivery, "delivered");
        }
        slaClock.stopIfTold(Stream.concat(outcomes.superseded.stream(), outcomes.delivered.stream())
                .map(PendingDelivery::referralId).filter(Objects::nonNull).toList(), clock.instant());
    }

    private void counted(PendingDelivery delivery, String result) {
        meters.counter("referrer.deliveries", "channel", delivery.channel().name(), "result", result).increment();
    }

    private ChannelSender senderOf(PendingDelivery delivery) {
        return senders.getOrDefault(delivery.channel(), List.of()).stream()
                .filter(sender -> sender.carries(delivery))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No sender carries " + delivery.channel() + " messages of "
                        + delivery.agencyCode()));
    }

    /** What became of a batch's messages that leaves them waiting no longer. */
    private static final class Outcomes {

        private final List<PendingDelivery> delivered = new ArrayList<>();
        private final List<PendingDelivery> superseded = new ArrayList<>();
    }

    /**
     * A batch tried: {@code taken} of the {@code size} asked for, {@code handled} of them (delivered, superseded,
     * failed or refused, rather than left for another instance sending its referral's or for shutdown),
     * {@code delivered} of those; none if {@code notRecorded}.
     */
    private record Batch(int size, int taken, int handled, int delivered, boolean notRecorded) {

        /**
         * More may be due. The next batch takes this one's messages whose referral another sender had again, with
         * others; when none of a batch could be sent, trying again at once would only take the same ones.
         */
        boolean fullAndSomeHandled() {
            return taken == size && handled > 0;
        }
    }

    /** Every sender works through the messages due until none is left it can send, then the gauges are read. */
    @Scheduled(fixedDelayString = "${referrals.notify.delivery.poll-interval:1s}")
    void dispatchLoggingFailures() {
        List<Future<Integer>> sending = new ArrayList<>();
        for (int sender = 0; sender < settings.delivery().senders() && !closing; sender++) {
            try {
                sending.add(sendingThreads.submit(this::dispatch));
            }
            catch (RejectedExecutionException shuttingDown) {
                // those already sending are still waited for: shutdown waits for this task, and the connection pool
                // is closed after it
                break;
            }
        }
        for (Future<Integer> sender : sending) {
            try {
                sender.get();
            }
            catch (ExecutionException e) {
                log.error("Sending notifications failed; trying again in {}", settings.delivery().pollInterval(),
                        e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            pending.set(deliveries.pendingCount());
            undeliverable.set(deliveries.undeliverableCount());
        }
        catch (RuntimeException e) {
            log.error("Messages waiting to be sent could not be counted", e);
        }
    }
}
