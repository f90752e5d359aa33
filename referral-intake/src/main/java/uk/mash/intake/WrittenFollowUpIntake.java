package uk.mash.intake;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.store.ExistingReferral;
import uk.mash.intake.store.ReferralStore;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.telephone.TelephoneFollowUps;
import uk.mash.intake.telephone.WrittenFollowUp;
import uk.mash.intake.telephone.WrittenFollowUps;
import uk.mash.intake.validation.Violation;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;

/**
 * The written follow-up of a telephone referral that says something the call did not. Answered as a retry and put
 * aside, what it adds (immediate risk of significant harm, say) would never reach triage; so it is kept, once per
 * telephone referral, and published as that referral's next received event: the same referral id, received time and
 * child key, so that it follows the call on the child's partition, with when it was received. One about another child
 * is refused, so that a reused agency reference never puts two children under one referral.
 */
@Component
class WrittenFollowUpIntake {

    private static final Violation FOLLOW_UP_ALREADY_RECEIVED = new Violation("ALREADY_USED", "agencyReference",
            "Your agency has already sent the written follow-up of the telephone referral with this agency "
                    + "reference. A new concern needs a reference of its own; the same written follow-up sent again "
                    + "unchanged is answered as the first time.");

    private static final Violation ABOUT_ANOTHER_CHILD = new Violation("ALREADY_USED", "agencyReference",
            "This agency reference is that of a telephone referral about another child: the NHS number or the date of "
                    + "birth differs from the call's, or the child's given name. Send this referral under a reference "
                    + "of its own; if it is the call's written follow-up, check the child's details with the MASH.");

    private final WrittenFollowUps writtenFollowUps;
    private final ReferralStore store;
    private final TelephoneFollowUps telephoneFollowUps;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    WrittenFollowUpIntake(WrittenFollowUps writtenFollowUps, ReferralStore store,
            TelephoneFollowUps telephoneFollowUps, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.writtenFollowUps = writtenFollowUps;
        this.store = store;
        this.telephoneFollowUps = telephoneFollowUps;
        this.audit = audit;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Takes the written referral as the telephone referral's follow-up, in the caller's transaction: stored and handed
     * to {@code publish} the first time; the same again is a retry (handed over again, the same, only when the same
     * Kafka record is redelivered); a different one is refused.
     *
     * @param telephoned the telephone referral holding the written referral's agency reference
     * @param source where on the submitted topic it came from; null when it came by REST
     */
    IntakeDecision accept(ExistingReferral telephoned, ReferralSubmitted written, String idempotencyKey,
            SourcePosition source, Consumer<ReferralReceived> publish) {
        if (!SameChild.asTheCall(telephoned.submission().getChild(), written.getChild())) {
            return new IntakeDecision.Conflicting(List.of(ABOUT_ANOTHER_CHILD));
        }
        UUID referralId = telephoned.referral().referralId();
        Optional<WrittenFollowUp> stored = writtenFollowUps.of(referralId);
        if (stored.isEmpty()) {
            ReferralReceived followUp = received(telephoned, written);
            boolean storedNow;
            try {
                storedNow = storedNow(followUp, idempotencyKey, source);
            }
            catch (DuplicateKeyException e) {
                // another referral took the key after this one looked for who held it
                return new IntakeDecision.Conflicting(List.of(ReferralIntake.IDEMPOTENCY_KEY_USED));
            }
            if (storedNow) {
                return published(telephoned, followUp, publish);
            }
            stored = writtenFollowUps.of(referralId);
        }
        return sentAgainOrConflicting(telephoned, stored.orElseThrow(), written, idempotencyKey, source, publish);
    }

    private boolean storedNow(ReferralReceived followUp, String idempotencyKey, SourcePosition source) {
        if (idempotencyKey == null) {
            return writtenFollowUps.storeIfAbsent(followUp, source);
        }
        // a key another referral holds fails the statement: undone to here, the transaction can still refuse it
        return Boolean.TRUE.equals(savepoint.execute(status -> {
            boolean storedNow = writtenFollowUps.storeIfAbsent(followUp, source);
            if (storedNow) {
                store.keepWrittenFollowUpKey(followUp.getReferralId(), idempotencyKey);
            }
            return storedNow;
        }));
    }

    private IntakeDecision published(ExistingReferral telephoned, ReferralReceived followUp,
            Consumer<ReferralReceived> publish) {
        publish.accept(followUp);
        String channel = followUp.getReferral().getChannel().name();
        audit.record("WRITTEN_FOLLOW_UP_RECEIVED", followUp.getReferralId(), "written follow-up via " + channel
                + " saying more than the call, published under the telephone referral");
        telephoneFollowUps.markReceived(followUp.getReferralId(), "written referral via " + channel);
        return new IntakeDecision.Accepted(telephoned.referral(), false);
    }

    private IntakeDecision sentAgainOrConflicting(ExistingReferral telephoned, WrittenFollowUp stored,
            ReferralSubmitted written, String idempotencyKey, SourcePosition source,
            Consumer<ReferralReceived> publish) {
        if (!stored.saidTheSame(written)) {
            List<Violation> conflicts = new ArrayList<>(List.of(FOLLOW_UP_ALREADY_RECEIVED));
            if (idempotencyKey != null && idempotencyKey.equals(telephoned.idempotencyKey())) {
                conflicts.add(ReferralIntake.IDEMPOTENCY_KEY_USED);
            }
            return new IntakeDecision.Conflicting(conflicts);
        }
        if (stored.cameFrom(source)) {
            publish.accept(stored.published());
        }
        audit.record("REFERRAL_SENT_AGAIN", telephoned.referral().referralId(),
                "written follow-up sent again via " + written.getChannel() + ", answered as the first time");
        return new IntakeDecision.Accepted(telephoned.referral(), true);
    }

    private ReferralReceived received(ExistingReferral telephoned, ReferralSubmitted written) {
        return ReferralReceived.newBuilder()
                .setEventId(TimeOrderedIds.next())
                .setReferralId(telephoned.referral().referralId())
                .setReceivedAt(telephoned.referral().receivedAt())
                .setChildKey(telephoned.childKey())
                .setReferral(written)
                // to the event's precision, so that the event rebuilt from what is stored is the one first sent
                .setWrittenFollowUpReceivedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
