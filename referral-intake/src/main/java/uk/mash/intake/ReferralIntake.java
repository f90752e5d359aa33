package uk.mash.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.outbox.OutboxRelay;
import uk.mash.intake.store.ChildKeys;
import uk.mash.intake.store.ReferralStore;
import uk.mash.intake.store.StoredReferral;
import uk.mash.intake.validation.ReferralValidator;
import uk.mash.intake.validation.Violation;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Accepts or refuses a submission, whichever way it arrived. An accepted referral and its received event are
 * written in one database transaction (the outbox), so the referral is durable before anyone is told it was
 * accepted, and it is published even if the service stops straight after.
 */
@Service
public class ReferralIntake {

    private final ReferralValidator validator;
    private final ReferralStore store;
    private final ChildKeys childKeys;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final TopicCatalogue topics;
    private final Clock clock;
    private final MeterRegistry meters;

    ReferralIntake(ReferralValidator validator, ReferralStore store, ChildKeys childKeys, OutboxRelay relay,
            AuditTrail audit, TopicCatalogue topics, Clock clock, MeterRegistry meters) {
        this.validator = validator;
        this.store = store;
        this.childKeys = childKeys;
        this.relay = relay;
        this.audit = audit;
        this.topics = topics;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public IntakeDecision accept(ReferralSubmitted submission, String idempotencyKey) {
        List<Violation> violations = validator.validate(submission);
        if (!violations.isEmpty()) {
            meters.counter("referrals.rejected", "channel", String.valueOf(submission.getChannel())).increment();
            return new IntakeDecision.Refused(violations);
        }
        String agency = submission.getReferrer().getAgencyCode();
        var existing = store.findExisting(agency, submission.getAgencyReference(), idempotencyKey);
        if (existing.isPresent()) {
            return new IntakeDecision.Accepted(existing.get(), true);
        }
        Instant receivedAt = clock.instant();
        ReferralReceived received = ReferralReceived.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(UUID.randomUUID())
                .setReceivedAt(receivedAt)
                .setChildKey(childKeys.keyOf(submission.getChild()))
                .setReferral(submission)
                .build();
        if (!store.insertIfAbsent(received, idempotencyKey)) {
            return new IntakeDecision.Accepted(
                    store.findExisting(agency, submission.getAgencyReference(), idempotencyKey).orElseThrow(), true);
        }
        store.addToOutbox(topics.received(), received);
        audit.record("REFERRAL_RECEIVED", received.getReferralId(), "accepted via " + submission.getChannel());
        meters.counter("referrals.received", "channel", submission.getChannel().name()).increment();
        wakeRelayAfterCommit();
        return new IntakeDecision.Accepted(new StoredReferral(received.getReferralId(), agency,
                submission.getAgencyReference(), submission.getLocalAuthority(), submission.getChannel().name(),
                "RECEIVED", receivedAt), false);
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
