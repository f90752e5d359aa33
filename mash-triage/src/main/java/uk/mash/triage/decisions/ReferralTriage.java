package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.jdbc.TogetherOrOneByOne;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.collation.AllocatedWorker;
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
 * written follow-up, under the same referral id, is triaged as such ({@link WrittenFollowUpTriage}); one whose call
 * triage never received is triaged as the referral, since nothing else of it will come. Effectively once: a
 * redelivery of the same Kafka record re-sends exactly what was stored; a duplicate received event from another
 * offset sends nothing.
 */
@Service
class ReferralTriage {

    private final RulesInForce rules;
    private final WrittenFollowUpTriage writtenFollowUps;
    private final ChildCollation collation;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TogetherOrOneByOne together;

    ReferralTriage(RulesInForce rules, WrittenFollowUpTriage writtenFollowUps, ChildCollation collation,
            TriageStore store, AuditTrail audit, TriageSettings settings, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.together = new TogetherOrOneByOne(transactions);
        this.rules = rules;
        this.writtenFollowUps = writtenFollowUps;
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
        return received.getWrittenFollowUpReceivedAt() != null
                ? writtenFollowUps.triage(received, partition, offset)
                : TriageEvents.none();
    }

    private TriageEvents firstVersion(ReferralReceived received, int partition, long offset) {
        UUID referralId = received.getReferralId();
        RulesInForce.Recommended recommended = rules.recommend(received);
        Recommendation recommendation = recommended.recommendation();
        Optional<AllocatedWorker> allocated = recommended.allocatedWorker();
        Instant now = clock.instant();
        TriageOutcomeIssued outcome = TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setOutcomeVersion(1)
                .setIssuedAt(now)
                .setReceivedAt(received.getReceivedAt())
                .setOutcome(recommendation.outcome())
                .setLevelOfNeed(recommendation.level())
                .setStatus(recommendation.standsWithoutWorker() ? OutcomeStatus.CONFIRMED : OutcomeStatus.PROVISIONAL)
                .setPriority(recommendation.priority())
                .setReasons(recommendation.reasons())
                .setRulePackId(recommended.pack().id())
                .setRulePackVersion(recommended.pack().version())
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setIdentifiedOrganisation(recommendation.identifiedOrganisation())
                .setAllocatedSocialWorker(allocated.map(AllocatedWorker::socialWorker).orElse(null))
                .setAllocatedCaseId(allocated.map(AllocatedWorker::caseId).orElse(null))
                .setChildKey(received.getChildKey())
                .setReferral(received.getReferral())
                .build();
        audit.record("OUTCOME_RECOMMENDED", referralId, recommendation.outcome() + " by " + recommended.pack().id()
                + " " + recommended.pack().version() + " rules " + recommended.rules() + ", " + outcome.getStatus());
        if (received.getWrittenFollowUpReceivedAt() != null) {
            store.keepWrittenFollowUp(received, partition, offset);
            audit.record("WRITTEN_FOLLOW_UP_TRIAGED", referralId, "written follow-up received "
                    + received.getWrittenFollowUpReceivedAt() + " triaged as the referral's first version (v1 "
                    + outcome.getOutcome() + ", " + outcome.getStatus() + "): triage has no record of the telephone "
                    + "referral");
        }
        meters.counter("triage.outcomes.issued", "outcome", recommendation.outcome().name()).increment();
        List<TriageTaskCreated> tasks = recommendation.needsWorker()
                ? List.of(task(outcome, recommendation.collatedConcerns(), now))
                : List.of();
        store.saveRecommendation(outcome, tasks);
        return new TriageEvents(List.of(outcome), tasks);
    }

    private TriageTaskCreated task(TriageOutcomeIssued outcome, boolean collated, Instant now) {
        TaskKind kind = outcome.getOutcome() == OutcomeType.SECTION_47_ENQUIRY ? TaskKind.REVIEW_SECTION_47
                : collated ? TaskKind.REVIEW_COLLATED_CONCERNS
                : TaskKind.CONFIRM_OUTCOME;
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(TimeOrderedIds.next())
                .setReferralId(outcome.getReferralId())
                .setCreatedAt(now)
                .setKind(kind)
                .setPriority(outcome.getPriority())
                .setDeadline(outcome.getReceivedAt().plus(settings.within(kind)))
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setRecommendedOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setReasons(outcome.getReasons())
                .build();
    }
}
