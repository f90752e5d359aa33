package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Duration;
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
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.platform.jdbc.TogetherOrOneByOne;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.collation.AllocatedWorker;
import uk.mash.triage.collation.ChildCollation;
import uk.mash.triage.collation.ChildContext;
import uk.mash.triage.rules.Recommendation;
import uk.mash.triage.rules.ReferralFacts;
import uk.mash.triage.rules.RulePacks;
import uk.mash.triage.rules.ThresholdEngine;

/**
 * Triage of a received referral: the child is matched to earlier referrals and open cases, the rule pack in force
 * for the local authority recommends an outcome (version 1), and a task goes to the MASH workers when the pack's
 * policy says a worker must confirm it, concerns were collated, the referral names no indicator the rules know, or a
 * Gillick competent young person's own consent must be checked. A section 47 recommendation is issued at once
 * (provisional), and a referral to the child's allocated social worker stays confirmed beside a MASH worker's task,
 * so that routing does not wait for the worker. A task's deadline runs from when the referral was received,
 * so a referral triaged late (a lagging or republished one) is not queued behind newer work. Effectively once: a
 * redelivery of the same Kafka record re-sends exactly what was stored; a duplicate received event from another
 * offset sends nothing.
 */
@Service
class ReferralTriage {

    private final RulePacks packs;
    private final IndicatorCatalogue catalogue;
    private final ChildCollation collation;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TogetherOrOneByOne together;

    ReferralTriage(RulePacks packs, IndicatorCatalogue catalogue, ChildCollation collation, TriageStore store,
            AuditTrail audit, TriageSettings settings, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.together = new TogetherOrOneByOne(transactions);
        this.packs = packs;
        this.catalogue = catalogue;
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
        if (!store.insertIfAbsent(received, partition, offset)) {
            boolean redelivery = store.source(referralId)
                    .map(source -> Arrays.equals(source, new long[] { partition, offset }))
                    .orElse(false);
            return redelivery ? new TriageEvents(store.outcomes(referralId), store.tasks(referralId))
                    : TriageEvents.none();
        }
        ReferralSubmitted referral = received.getReferral();
        ChildContext child = collation.recordReferral(received);
        ThresholdEngine engine = packs.inForce(referral.getLocalAuthority(), received.getReceivedAt());
        Recommendation recommendation = engine.recommend(
                ReferralFacts.of(referral, received.getReceivedAt(), catalogue, child.allocatedWorker().isPresent(),
                        child.collated()),
                referral.getChild().getSchoolOrSetting());
        Optional<AllocatedWorker> allocated = recommendation.outcome() == OutcomeType.ALLOCATED_SOCIAL_WORKER
                ? Optional.of(child.allocatedWorker().orElseThrow())
                : Optional.empty();
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
                .setRulePackId(engine.pack().id())
                .setRulePackVersion(engine.pack().version())
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setIdentifiedOrganisation(recommendation.identifiedOrganisation())
                .setAllocatedSocialWorker(allocated.map(AllocatedWorker::socialWorker).orElse(null))
                .setAllocatedCaseId(allocated.map(AllocatedWorker::caseId).orElse(null))
                .setChildKey(received.getChildKey())
                .setReferral(referral)
                .build();
        audit.record("OUTCOME_RECOMMENDED", referralId, recommendation.outcome() + " by " + engine.pack().id() + " "
                + engine.pack().version() + " rules " + recommendation.reasons().stream().map(r -> r.getRuleId())
                        .toList() + ", " + outcome.getStatus());
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
        Duration within = switch (kind) {
            case REVIEW_SECTION_47 -> settings.section47ReviewWithin();
            case REVIEW_COLLATED_CONCERNS -> settings.collatedReviewWithin();
            case CONFIRM_OUTCOME -> settings.confirmWithin();
        };
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(TimeOrderedIds.next())
                .setReferralId(outcome.getReferralId())
                .setCreatedAt(now)
                .setKind(kind)
                .setPriority(outcome.getPriority())
                .setDeadline(outcome.getReceivedAt().plus(within))
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setRecommendedOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setReasons(outcome.getReasons())
                .build();
    }
}
