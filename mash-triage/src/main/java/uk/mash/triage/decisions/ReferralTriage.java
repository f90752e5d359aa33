package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
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
import uk.mash.triage.TriageSettings;
import uk.mash.triage.rules.FoundationRuleSet;
import uk.mash.triage.rules.Recommendation;

/**
 * Triage of a received referral: the rules' recommendation becomes outcome version 1, and a task when a MASH worker
 * must confirm it. A section 47 recommendation is issued at once (provisional, immediate priority) so that routing
 * does not wait for the worker. Effectively once: a redelivery of the same Kafka record re-sends exactly what was
 * stored; a duplicate received event from another offset sends nothing.
 */
@Service
class ReferralTriage {

    private final FoundationRuleSet rules;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    ReferralTriage(FoundationRuleSet rules, TriageStore store, AuditTrail audit, TriageSettings settings, Clock clock,
            MeterRegistry meters) {
        this.rules = rules;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
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
        Recommendation recommendation = rules.recommend(received.getReferral());
        Instant now = clock.instant();
        TriageOutcomeIssued outcome = TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setOutcomeVersion(1)
                .setIssuedAt(now)
                .setReceivedAt(received.getReceivedAt())
                .setOutcome(recommendation.outcome())
                .setLevelOfNeed(recommendation.level())
                .setStatus(recommendation.needsWorker() ? OutcomeStatus.PROVISIONAL : OutcomeStatus.CONFIRMED)
                .setPriority(recommendation.priority())
                .setReasons(recommendation.reasons())
                .setRulePackId(FoundationRuleSet.PACK_ID)
                .setRulePackVersion(FoundationRuleSet.PACK_VERSION)
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setIdentifiedOrganisation(recommendation.identifiedOrganisation())
                .setChildKey(received.getChildKey())
                .setReferral(received.getReferral())
                .build();
        store.saveOutcome(outcome);
        audit.record("OUTCOME_RECOMMENDED", referralId, recommendation.outcome() + " by rules "
                + recommendation.reasons().stream().map(r -> r.getRuleId()).toList() + ", " + outcome.getStatus());
        meters.counter("triage.outcomes.issued", "outcome", recommendation.outcome().name()).increment();
        List<TriageTaskCreated> tasks = recommendation.needsWorker() ? List.of(task(outcome, now)) : List.of();
        tasks.forEach(store::saveTask);
        return new TriageEvents(List.of(outcome), tasks);
    }

    private TriageTaskCreated task(TriageOutcomeIssued outcome, Instant now) {
        boolean section47 = outcome.getOutcome() == OutcomeType.SECTION_47_ENQUIRY;
        Duration within = section47 ? settings.section47ReviewWithin() : settings.confirmWithin();
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(UUID.randomUUID())
                .setReferralId(outcome.getReferralId())
                .setCreatedAt(now)
                .setKind(section47 ? TaskKind.REVIEW_SECTION_47 : TaskKind.CONFIRM_OUTCOME)
                .setPriority(outcome.getPriority())
                .setDeadline(now.plus(within))
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setRecommendedOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setReasons(outcome.getReasons())
                .build();
    }
}
