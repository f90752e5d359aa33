package uk.mash.notify.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 * Sends stored email and webhook messages until each is delivered: one database transaction per message, holding its
 * row lock and its referral's while it is sent, so two instances never send it, or two messages of one referral, at
 * once. A failure is retried with exponential back-off,
 * never dropped; a destination that keeps failing opens its circuit breaker and is left alone for a while. A message
 * the destination refuses outright ({@link UndeliverableMessage}) is marked undeliverable, logged, counted and
 * audited instead: it keeps the referral's SLA clock running, so the referral breaches and operations telephone the
 * referrer. A message of an outcome the referrer has since been told a later version of is marked superseded and
 * not sent. A crash after sending and before recording the delivery sends the message again with the same
 * idempotency key.
 */
@Component
class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int BATCH = 50;

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
        Gauge.builder("referrer.deliveries.pending", pending, AtomicLong::get)
                .description("Email and webhook messages to referrers not yet delivered").register(meters);
        Gauge.builder("referrer.deliveries.undeliverable", undeliverable, AtomicLong::get)
                .description("Messages to referrers their destination refused; each referrer must be telephoned")
                .register(meters);
    }

    /**
     * Tries every message due now, a batch at a time, until a batch is not full or not all of it went; answers how
     * many were delivered. A backlog (after an outage of a destination, or a burst of referrals) is worked through at
     * once rather than a batch per poll interval.
     */
    int dispatch() {
        if (closing) {
            return 0;
        }
        int delivered = 0;
        boolean wholeBatchWent;
        do {
            List<String> due = deliveries.due(BATCH);
            int deliveredNow = 0;
            for (int next = 0; next < due.size() && !closing; next++) {
                deliveredNow += deliverOne(due.get(next)) ? 1 : 0;
            }
            delivered += deliveredNow;
            wholeBatchWent = due.size() == BATCH && deliveredNow == BATCH;
        }
        while (wholeBatchWent && !closing);
        pending.set(deliveries.pendingCount());
        undeliverable.set(deliveries.undeliverableCount());
        return delivered;
    }

    /**
     * The service is shutting down: the message in hand is finished and the rest wait for the next start. Working on
     * through a backlog would hold shutdown for the scheduler's whole timeout (30 s), after which the connection pool
     * closes under the dispatcher and every message it could no longer record is logged as an error.
     */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }

    private boolean deliverOne(String notificationId) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> deliveries.lock(notificationId)
                    .map(this::deliverUnlessReplaced).orElse(false)));
        }
        catch (RuntimeException e) {
            log.error("Delivery of notification {} not recorded; it will be sent again with the same "
                    + "idempotency key", notificationId, e);
            return false;
        }
    }

    /**
     * A message whose outcome a later one replaced is not sent: it would reach the referrer after the later decision
     * and read as the current one. It no longer waits, so the referral's clock may stop with it.
     */
    private boolean deliverUnlessReplaced(PendingDelivery delivery) {
        if (!delivery.replaced()) {
            return deliver(delivery);
        }
        deliveries.superseded(delivery);
        audit.record("REFERRER_MESSAGE_SUPERSEDED", delivery.referralId(), delivery.message().subject() + " by "
                + delivery.channel() + " as " + delivery.notificationId() + " not sent: a later outcome was told");
        slaClock.stopIfTold(delivery.referralId(), clock.instant());
        meters.counter("referrer.deliveries", "channel", delivery.channel().name(), "result", "superseded")
                .increment();
        return false;
    }

    private boolean deliver(PendingDelivery delivery) {
        ChannelSender sender = senderOf(delivery);
        try {
            breakers.circuitBreaker(sender.circuitOf(delivery)).executeRunnable(() -> sender.send(delivery));
        }
        catch (CallNotPermittedException e) {
            deliveries.failed(delivery, "circuit open for " + sender.circuitOf(delivery));
            return false;
        }
        catch (UndeliverableMessage e) {
            log.error("Notification {} refused by {} and not retried; the referrer must be telephoned: {}",
                    delivery.notificationId(), sender.circuitOf(delivery), e.getMessage());
            deliveries.undeliverable(delivery, e.getMessage());
            audit.record("REFERRER_MESSAGE_UNDELIVERABLE", delivery.referralId(),
                    delivery.message().subject() + " by " + delivery.channel() + " as " + delivery.notificationId()
                            + " refused: " + e.getMessage());
            meters.counter("referrer.deliveries", "channel", delivery.channel().name(), "result", "undeliverable")
                    .increment();
            return false;
        }
        catch (RuntimeException e) {
            // by the exceptions' kinds only: a mail server's message can quote the recipient's address
            log.warn("Notification {} not delivered by {} (attempt {}): {} ({})", delivery.notificationId(),
                    delivery.channel(), delivery.attempts() + 1, e.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
            deliveries.failed(delivery, e.getClass().getSimpleName());
            meters.counter("referrer.deliveries", "channel", delivery.channel().name(), "result", "failed")
                    .increment();
            return false;
        }
        checkpoints.orderedStream().forEach(checkpoint -> checkpoint.sent(delivery.notificationId()));
        deliveries.delivered(delivery);
        audit.record("REFERRER_MESSAGE_DELIVERED", delivery.referralId(),
                delivery.message().subject() + " by " + delivery.channel() + " as " + delivery.notificationId());
        if (delivery.referralId() != null) {
            slaClock.stopIfTold(delivery.referralId(), clock.instant());
        }
        meters.counter("referrer.deliveries", "channel", delivery.channel().name(), "result", "delivered")
                .increment();
        return true;
    }

    private ChannelSender senderOf(PendingDelivery delivery) {
        return senders.getOrDefault(delivery.channel(), List.of()).stream()
                .filter(sender -> sender.carries(delivery))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No sender carries " + delivery.channel() + " messages of "
                        + delivery.agencyCode()));
    }

    @Scheduled(fixedDelayString = "${referrals.notify.delivery.poll-interval:1s}")
    void dispatchLoggingFailures() {
        try {
            dispatch();
        }
        catch (RuntimeException e) {
            log.error("Sending notifications failed; trying again in {}", settings.delivery().pollInterval(), e);
        }
    }
}
