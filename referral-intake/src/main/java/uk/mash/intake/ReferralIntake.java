package uk.mash.intake;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.outbox.Outbox;
import uk.mash.intake.store.ChildKeys;
import uk.mash.intake.store.ExistingReferral;
import uk.mash.intake.store.ReferralStore;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.store.StoredReferral;
import uk.mash.intake.telephone.TelephoneFollowUps;
import uk.mash.intake.validation.ReferralValidator;
import uk.mash.intake.validation.Violation;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.jdbc.TogetherOrOneByOne;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Accepts or refuses a submission, whichever way it arrived. A referral is durable before anyone is told it was
 * accepted: by REST or telephone, the referral and its received event are written in one database transaction (the
 * outbox), so it is published even if the service stops straight after; from Kafka, the event is sent in the
 * listener's Kafka transaction, which commits after the database and is redone from the same record if it does not.
 */
@Service
public class ReferralIntake {

    private static final Violation AGENCY_REFERENCE_USED = new Violation("ALREADY_USED", "agencyReference",
            "Your agency has already sent a different referral with this agency reference. Give this referral a "
                    + "reference of its own; the same referral sent again unchanged is answered as the first time.");
    static final Violation IDEMPOTENCY_KEY_USED = new Violation("ALREADY_USED", "Idempotency-Key",
            "Your agency has already sent a different referral with this Idempotency-Key. Use a new key for each "
                    + "new referral, and a key again only to resend the same referral.");

    private final ReferralValidator validator;
    private final ReferralStore store;
    private final ChildKeys childKeys;
    private final Outbox outbox;
    private final TelephoneFollowUps telephoneFollowUps;
    private final WrittenFollowUpIntake writtenFollowUps;
    private final AuditTrail audit;
    private final TopicCatalogue topics;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TogetherOrOneByOne together;
    private final TransactionReads<SourcePosition, Checked> checkedTogether = new TransactionReads<>();

    ReferralIntake(ReferralValidator validator, ReferralStore store, ChildKeys childKeys, Outbox outbox,
            TelephoneFollowUps telephoneFollowUps, WrittenFollowUpIntake writtenFollowUps, AuditTrail audit,
            TopicCatalogue topics, Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.together = new TogetherOrOneByOne(transactions);
        this.validator = validator;
        this.store = store;
        this.childKeys = childKeys;
        this.outbox = outbox;
        this.telephoneFollowUps = telephoneFollowUps;
        this.writtenFollowUps = writtenFollowUps;
        this.audit = audit;
        this.topics = topics;
        this.clock = clock;
        this.meters = meters;
    }

    /** A submission by REST or telephone: its received event goes out through the outbox. */
    @Transactional
    public IntakeDecision accept(ReferralSubmitted submission, String idempotencyKey) {
        return accept(submission, idempotencyKey, null,
                received -> outbox.append(topics.received(), received.getChildKey(), received.getEventId(), received));
    }

    /**
     * A submission from the submitted topic: its received event goes to {@code publish}, to be sent in the listener's
     * Kafka transaction with the consumed offset, as every other service sends what it produces. A redelivery of the
     * same record (its Kafka transaction aborted after this database committed) publishes the same event again; the
     * same submission from another position publishes nothing.
     */
    @Transactional
    public IntakeDecision acceptFromTopic(ReferralSubmitted submission, SourcePosition source,
            Consumer<ReferralReceived> publish) {
        return accept(submission, null, source, publish);
    }

    /**
     * Checks a poll's submissions from the submitted topic and stores the valid ones in one statement; each is then
     * accepted in turn ({@link #acceptFromTopic}) with what was found and done for it. Should the statement fail,
     * it is undone and each submission is stored on its own.
     */
    public void storeTogether(Map<SourcePosition, ReferralSubmitted> poll) {
        together.run("store submitted referrals", poll.size(), () -> storeAll(poll));
    }

    private void storeAll(Map<SourcePosition, ReferralSubmitted> poll) {
        Map<SourcePosition, Checked> checked = new HashMap<>();
        Map<SourcePosition, ReferralReceived> valid = new LinkedHashMap<>();
        List<ReferralStore.FromTopic> rows = new ArrayList<>();
        poll.forEach((source, submission) -> {
            List<Violation> violations = validator.validate(submission);
            ReferralReceived received = violations.isEmpty() ? received(submission) : null;
            checked.put(source, new Checked(violations, received, false));
            if (received != null) {
                valid.put(source, received);
                rows.add(store.fromTopic(received, source));
            }
        });
        Set<UUID> stored = rows.isEmpty() ? Set.of() : store.insertAllIfAbsent(rows);
        valid.forEach((source, received) -> checked.put(source,
                new Checked(List.of(), received, stored.contains(received.getReferralId()))));
        checkedTogether.hold(poll.keySet(), checked);
    }

    private IntakeDecision accept(ReferralSubmitted submission, String idempotencyKey, SourcePosition source,
            Consumer<ReferralReceived> publish) {
        Checked checked = source != null && checkedTogether.holds(source) ? checkedTogether.value(source) : null;
        List<Violation> violations = checked != null ? checked.violations() : validator.validate(submission);
        if (!violations.isEmpty()) {
            refused(submission, violations);
            return new IntakeDecision.Refused(violations);
        }
        String agency = submission.getReferrer().getAgencyCode();
        ReferralReceived received = checked != null ? checked.received() : received(submission);
        boolean stored = checked != null ? checked.stored()
                : store.insertIfAbsent(received, idempotencyKey, source);
        if (!stored) {
            return repeatOrConflict(submission, idempotencyKey, source, publish);
        }
        publish.accept(received);
        telephoneFollowUps.awaitIfTelephoned(received);
        audit.record("REFERRAL_RECEIVED", received.getReferralId(), "accepted via " + submission.getChannel());
        meters.counter("referrals.received", "channel", submission.getChannel().name()).increment();
        return new IntakeDecision.Accepted(new StoredReferral(received.getReferralId(), agency,
                submission.getAgencyReference(), submission.getLocalAuthority(), submission.getChannel().name(),
                "RECEIVED", received.getReceivedAt()), false);
    }

    /**
     * A submission whose agency reference or idempotency key is taken: the same submission again is a retry, answered
     * with the referral it made; a different one is refused naming what it reused, for otherwise it would be lost,
     * unless it is the written follow-up of a telephone referral, which may well say more than the call.
     */
    private IntakeDecision repeatOrConflict(ReferralSubmitted submission, String idempotencyKey,
            SourcePosition source, Consumer<ReferralReceived> publish) {
        String agency = submission.getReferrer().getAgencyCode();
        List<ExistingReferral> holding = store.holding(agency, submission.getAgencyReference(), idempotencyKey);
        if (holding.isEmpty()) {
            throw new IllegalStateException("Referral " + submission.getAgencyReference() + " of " + agency
                    + " was neither stored nor found");
        }
        List<Violation> conflicts = conflicts(submission, idempotencyKey, holding);
        if (!conflicts.isEmpty()) {
            refused(submission, conflicts);
            return new IntakeDecision.Conflicting(conflicts);
        }
        ExistingReferral underReference = holding.get(0);
        if (isWrittenFollowUp(underReference.referral(), submission) && !underReference.saidTheSame(submission)) {
            IntakeDecision decision = writtenFollowUps.accept(underReference, submission, idempotencyKey, source,
                    publish);
            if (decision instanceof IntakeDecision.Conflicting conflicting) {
                refused(submission, conflicting.violations());
            }
            return decision;
        }
        if (source != null) {
            store.receivedFrom(agency, submission.getAgencyReference(), source).ifPresent(publish);
        }
        StoredReferral existing = holding.get(0).referral();
        audit.record("REFERRAL_SENT_AGAIN", existing.referralId(),
                "sent again via " + submission.getChannel() + ", answered as the first time");
        if (isWrittenFollowUp(existing, submission)) {
            telephoneFollowUps.markReceived(existing.referralId(), "written referral via " + submission.getChannel());
        }
        return new IntakeDecision.Accepted(existing, true);
    }

    /**
     * A referral holding the submission's agency reference conflicts unless it said the same (or it was telephoned,
     * and this is its written follow-up, whose own checks follow); one holding its idempotency key under another
     * reference is a different referral by that alone.
     */
    private static List<Violation> conflicts(ReferralSubmitted submission, String idempotencyKey,
            List<ExistingReferral> holding) {
        List<Violation> conflicts = new ArrayList<>();
        for (ExistingReferral existing : holding) {
            if (existing.hasAgencyReference(submission.getAgencyReference())) {
                if (isWrittenFollowUp(existing.referral(), submission) || existing.saidTheSame(submission)) {
                    continue;
                }
                conflicts.add(AGENCY_REFERENCE_USED);
            }
            if (idempotencyKey != null && idempotencyKey.equals(existing.idempotencyKey())) {
                conflicts.add(IDEMPOTENCY_KEY_USED);
            }
        }
        return conflicts;
    }

    /** What was refused and why, by code and field: never a value, which could be the child's details. */
    private void refused(ReferralSubmitted submission, List<Violation> violations) {
        meters.counter("referrals.rejected", "channel", String.valueOf(submission.getChannel())).increment();
        audit.record("REFERRAL_REFUSED", null, "refused via " + submission.getChannel() + ": agency "
                + (submission.getReferrer() == null ? null : submission.getReferrer().getAgencyCode())
                + ", reference " + submission.getAgencyReference() + ": " + violations.stream()
                        .map(violation -> violation.field() == null ? violation.code()
                                : violation.code() + " at " + violation.field())
                        .collect(Collectors.joining(", ")));
    }

    private ReferralReceived received(ReferralSubmitted submission) {
        return ReferralReceived.newBuilder()
                .setEventId(TimeOrderedIds.next())
                .setReferralId(TimeOrderedIds.next())
                // to the event's precision, so that the event rebuilt from the stored referral (for a redelivered
                // record, or under a written follow-up) says when it was received as the first did
                .setReceivedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setChildKey(childKeys.keyOf(submission.getChild()))
                .setReferral(submission)
                .build();
    }

    /**
     * What was found and done for a submission of a poll checked together: its violations, or the received event
     * made for it and whether it was stored by that event (false when the referral was there already).
     */
    private record Checked(List<Violation> violations, ReferralReceived received, boolean stored) {
    }

    /** The referrer's written referral, sent with the agency reference of their telephone referral, is its follow-up. */
    private static boolean isWrittenFollowUp(StoredReferral existing, ReferralSubmitted submission) {
        return ReferralChannel.TELEPHONE.name().equals(existing.channel())
                && submission.getChannel() != ReferralChannel.TELEPHONE;
    }
}
