package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.jdbc.TogetherOrOneByOne;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.collation.ChildCollation;
import uk.mash.triage.rules.Recommendation;

/**
 * Triage of a received referral: the child is matched to earlier referrals and open cases, the rule pack in force
 * for the local authority recommends an outcome (version 1), and a task goes to the MASH workers when the pack's
 * policy says a worker must confirm it, concerns were collated, the referral names no indicator the rules know, or a
 * Gillick competent young person's own consent must be checked. A section 47 recommendation is issued at once
 * (provisional), and a referral to the child's allocated social worker stays confirmed beside a MASH worker's task,
 * so that routing does not wait for the worker. A task's deadline runs from when the referral was received,
 * so a referral triaged late (a lagging or republished one) is not queued behind newer work. A telephone referral's
 * written follow-up, under the same referral id, is triaged as a later account ({@link LaterAccountTriage}); one
 * whose call has not reached triage is triaged as the referral, with a task for a MASH worker to read it whatever the
 * rules recommend, and the call, should it reach triage after all, is then the later account. Effectively once: a
 * redelivery of the same Kafka record re-sends exactly what was stored; a duplicate received event from another
 * offset sends nothing.
 */
@Service
class ReferralTriage {

    private final RulesInForce rules;
    private final LaterAccountTriage laterAccounts;
    private final ChildCollation collation;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TogetherOrOneByOne together;

    ReferralTriage(RulesInForce rules, LaterAccountTriage laterAccounts, ChildCollation collation,
            TriageStore store, AuditTrail audit, TriageSettings settings, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.together = new TogetherOrOneByOne(transactions);
        this.rules = rules;
        this.laterAccounts = laterAccounts;
        this.collation = collation;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Records the referrals of a poll together, and reads their children for the whole poll, before each is triaged
     * in turn.
     */
    void prepare(List<ConsumerRecord<String, ReferralReceived>> poll) {
        together.run("insert received referrals", poll.size(), () -> store.insertAllIfAbsent(poll));
        collation.prepareReferrals(poll.stream().map(ConsumerRecord::value).toList());
    }

    @Transactional
    TriageEvents triage(ReferralReceived received, int partition, long offset) {
        UUID referralId = received.getReferralId();
        if (store.insertIfAbsent(received, partition, offset)) {
            return firstVersion(received, partition, offset);
        }
        boolean redelivery = store.source(referralId)
                .map(source -> Arrays.equals(source, new long[] { partition, offset }))
                .orElse(false);
        if (redelivery) {
            return store.firstTriage(referralId);
        }
        if (received.getWrittenFollowUpReceivedAt() != null) {
            return laterAccounts.triage(LaterAccount.WRITTEN_FOLLOW_UP, received, partition, offset);
        }
        if (store.writtenFollowUpTriagedFirst(referralId)) {
            return laterAccounts.triage(LaterAccount.LATE_CALL, received, partition, offset);
        }
        audit.record("REFERRAL_REPEATED", referralId, "a received referral from partition " + partition + " offset "
                + offset + " after the one triaged: nothing sent");
        return TriageEvents.none();
    }

    private TriageEvents firstVersion(ReferralReceived received, int partition, long offset) {
        UUID referralId = received.getReferralId();
        RulesInForce.Recommended recommended = rules.recommend(received);
        Recommendation recommendation = recommended.recommendation();
        Instant now = clock.instant();
        TriageOutcomeIssued outcome = recommended.asOutcome(received, now).build();
        audit.record("OUTCOME_RECOMMENDED", referralId, recommendation.outcome() + " by " + recommended.pack().id()
                + " " + recommended.pack().version() + " rules " + recommended.rules() + ", " + outcome.getStatus());
        boolean writtenFollowUp = received.getWrittenFollowUpReceivedAt() != null;
        meters.counter("triage.outcomes.issued", "outcome", recommendation.outcome().name()).increment();
        List<TriageTaskCreated> tasks = recommendation.needsWorker()
                ? List.of(task(outcome, kind(outcome, recommendation.collatedConcerns()), outcome.getReceivedAt(),
                        outcome.getReasons(), now))
                : writtenFollowUp ? List.of(writtenFollowUpToRead(received, outcome, now))
                : List.of();
        if (writtenFollowUp) {
            store.keep(LaterAccount.WRITTEN_FOLLOW_UP, received, partition, offset);
            audit.record("WRITTEN_FOLLOW_UP_TRIAGED", referralId, "written follow-up received "
                    + received.getWrittenFollowUpReceivedAt() + " triaged as the referral's first version (v1 "
                    + outcome.getOutcome() + ", " + outcome.getStatus() + "): triage has no record of the telephone "
                    + "referral; task " + tasks.get(0).getKind() + " " + tasks.get(0).getTaskId());
        }
        store.saveRecommendation(outcome, tasks);
        return new TriageEvents(List.of(outcome), tasks);
    }

    private static TaskKind kind(TriageOutcomeIssued outcome, boolean collated) {
        return outcome.getOutcome() == OutcomeType.SECTION_47_ENQUIRY ? TaskKind.REVIEW_SECTION_47
                : collated ? TaskKind.REVIEW_COLLATED_CONCERNS
                : TaskKind.CONFIRM_OUTCOME;
    }

    /**
     * A written follow-up triaged as the referral is read by a MASH worker even when the rules' outcome stands
     * without one: it is still the referring professional's follow-up of a call the MASH has no record of. Due from
     * when it was received, as a written follow-up's task is.
     */
    private TriageTaskCreated writtenFollowUpToRead(ReferralReceived followUp, TriageOutcomeIssued outcome,
            Instant now) {
        List<DecisionReason> reasons = new ArrayList<>();
        reasons.add(new DecisionReason(LaterAccount.WRITTEN_FOLLOW_UP.ruleId(), "The referring professional's "
                + "written follow-up of a telephone referral, received " + followUp.getWrittenFollowUpReceivedAt()
                + ", was triaged as the referral: triage has no record of the call. The rules' outcome stands; a MASH "
                + "worker reads the written follow-up and decides whether anything changes.",
                List.of("written follow-up received " + followUp.getWrittenFollowUpReceivedAt(),
                        "no telephone referral on record"), LaterAccountTriage.CITATION));
        reasons.addAll(outcome.getReasons());
        return task(outcome, TaskKind.REVIEW_WRITTEN_FOLLOW_UP, followUp.getWrittenFollowUpReceivedAt(), reasons,
                now);
    }

    private TriageTaskCreated task(TriageOutcomeIssued outcome, TaskKind kind, Instant dueFrom,
            List<DecisionReason> reasons, Instant now) {
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(TimeOrderedIds.next())
                .setReferralId(outcome.getReferralId())
                .setCreatedAt(now)
                .setKind(kind)
                .setPriority(outcome.getPriority())
                .setDeadline(dueFrom.plus(settings.within(kind)))
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setRecommendedOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setReasons(reasons)
                .build();
    }
}
