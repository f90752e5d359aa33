package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.collation.AllocatedWorker;
import uk.mash.triage.rules.Recommendation;

/**
 * Triage of a telephone referral's written follow-up, which can say what the call did not: immediate risk of
 * significant harm, say. The rule pack in force is run on the written referral. Only when it recommends something
 * more serious than the referral's latest outcome ({@link Seriousness}) is the next version issued, for a MASH worker
 * to confirm (a section 47 enquiry is routed at once meanwhile); the rules never step down what stands, least of all
 * a MASH worker's decision. A referral to the child's allocated social worker is issued confirmed, as the rules issue
 * it on a call: the router holds anything else provisional for a MASH worker, and that social worker, who already
 * has the child, would not hear of the raised priority until then. Either way a MASH worker gets a task to read the
 * written follow-up, due from when it was received. Effectively once, as the call is: one written follow-up is kept
 * per referral; a redelivery of its record re-sends what it caused, and another record carrying one sends nothing.
 */
@Service
class WrittenFollowUpTriage {

    private static final String REASON = "written-follow-up";

    private static final String CITATION = "seed 002, Making a referral: \"All telephone referrals will need to be "
            + "followed up in writing within 24 hours by the referring professional.\"";

    private final RulesInForce rules;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    WrittenFollowUpTriage(RulesInForce rules, TriageStore store, AuditTrail audit, TriageSettings settings,
            Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Only for a referral triage knows: one it does not is triaged as the referral ({@link ReferralTriage}). */
    TriageEvents triage(ReferralReceived followUp, int partition, long offset) {
        UUID referralId = followUp.getReferralId();
        if (!store.keepWrittenFollowUp(followUp, partition, offset)) {
            return store.causedByWrittenFollowUpFrom(referralId, partition, offset).orElseGet(() -> {
                audit.record("WRITTEN_FOLLOW_UP_REPEATED", referralId, "a written follow-up from partition "
                        + partition + " offset " + offset + " after the one kept: nothing sent");
                return TriageEvents.none();
            });
        }
        TriageOutcomeIssued latest = store.latestOutcome(referralId).orElseThrow();
        RulesInForce.Recommended recommended = rules.recommend(followUp);
        Recommendation recommendation = recommended.recommendation();
        boolean moreSerious = Seriousness.of(recommendation.outcome(), recommendation.priority())
                .isAbove(Seriousness.of(latest.getOutcome(), latest.getPriority()));
        Instant now = clock.instant();
        List<DecisionReason> reasons = new ArrayList<>();
        reasons.add(reason(followUp, latest, moreSerious));
        reasons.addAll(recommendation.reasons());
        Optional<TriageOutcomeIssued> issued = moreSerious
                ? Optional.of(nextVersion(followUp, latest, recommended, reasons, now))
                : Optional.empty();
        TriageTaskCreated task = task(followUp, latest, recommendation, issued, reasons, now);
        issued.ifPresent(outcome -> {
            store.saveOutcome(outcome, false);
            store.supersedeBefore(referralId, outcome.getOutcomeVersion());
            meters.counter("triage.outcomes.issued", "outcome", outcome.getOutcome().name()).increment();
        });
        store.saveTask(task);
        store.writtenFollowUpCaused(referralId, issued, task);
        String versions = issued.map(outcome -> "issued v" + outcome.getOutcomeVersion() + " " + outcome.getStatus()
                + ", superseding").orElse("no version issued: not more serious than");
        audit.record("WRITTEN_FOLLOW_UP_TRIAGED", referralId, "written follow-up received "
                + followUp.getWrittenFollowUpReceivedAt() + ": " + recommendation.outcome() + " "
                + recommendation.priority() + " by " + recommended.pack().id() + " " + recommended.pack().version()
                + " rules " + recommended.rules() + "; " + versions + " v" + latest.getOutcomeVersion() + " ("
                + latest.getOutcome() + " " + latest.getPriority() + ", " + latest.getStatus() + "); task "
                + task.getKind() + " " + task.getTaskId());
        return new TriageEvents(issued.stream().toList(), List.of(task));
    }

    private TriageOutcomeIssued nextVersion(ReferralReceived followUp, TriageOutcomeIssued latest,
            RulesInForce.Recommended recommended, List<DecisionReason> reasons, Instant now) {
        Recommendation recommendation = recommended.recommendation();
        Optional<AllocatedWorker> allocated = recommended.allocatedWorker();
        return TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(followUp.getReferralId())
                .setOutcomeVersion(latest.getOutcomeVersion() + 1)
                .setIssuedAt(now)
                .setReceivedAt(followUp.getReceivedAt())
                .setOutcome(recommendation.outcome())
                .setLevelOfNeed(atLeast(recommendation.level(), latest.getLevelOfNeed()))
                .setStatus(recommendation.outcome() == OutcomeType.ALLOCATED_SOCIAL_WORKER ? OutcomeStatus.CONFIRMED
                        : OutcomeStatus.PROVISIONAL)
                .setPriority(atLeast(recommendation.priority(), latest.getPriority()))
                .setReasons(reasons)
                .setRulePackId(recommended.pack().id())
                .setRulePackVersion(recommended.pack().version())
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setIdentifiedOrganisation(recommendation.identifiedOrganisation())
                .setAllocatedSocialWorker(allocated.map(AllocatedWorker::socialWorker).orElse(null))
                .setAllocatedCaseId(allocated.map(AllocatedWorker::caseId).orElse(null))
                .setChildKey(followUp.getChildKey())
                .setReferral(followUp.getReferral())
                .build();
    }

    private TriageTaskCreated task(ReferralReceived followUp, TriageOutcomeIssued latest,
            Recommendation recommendation, Optional<TriageOutcomeIssued> issued, List<DecisionReason> reasons,
            Instant now) {
        TaskKind kind = recommendation.outcome() == OutcomeType.SECTION_47_ENQUIRY ? TaskKind.REVIEW_SECTION_47
                : TaskKind.REVIEW_WRITTEN_FOLLOW_UP;
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(TimeOrderedIds.next())
                .setReferralId(followUp.getReferralId())
                .setCreatedAt(now)
                .setKind(kind)
                .setPriority(atLeast(recommendation.priority(), latest.getPriority()))
                .setDeadline(followUp.getWrittenFollowUpReceivedAt().plus(settings.within(kind)))
                .setLocalAuthority(followUp.getReferral().getLocalAuthority())
                .setRecommendedOutcome(recommendation.outcome())
                .setLevelOfNeed(issued.map(TriageOutcomeIssued::getLevelOfNeed).orElse(recommendation.level()))
                .setReasons(reasons)
                .build();
    }

    private static DecisionReason reason(ReferralReceived followUp, TriageOutcomeIssued latest, boolean moreSerious) {
        String standing = "version " + latest.getOutcomeVersion() + " (" + latest.getOutcome() + ", "
                + latest.getPriority() + ", " + latest.getStatus() + ")";
        return new DecisionReason(REASON, "The referring professional's written follow-up of the telephone referral, "
                + "received " + followUp.getWrittenFollowUpReceivedAt() + ", was triaged on what it says. "
                + (moreSerious ? "The rules recommend more than " + standing + ", which this version supersedes."
                        : "The rules recommend nothing more serious than " + standing + ", which stands: a MASH "
                                + "worker reads the written follow-up and decides whether anything changes."),
                List.of("written follow-up received " + followUp.getWrittenFollowUpReceivedAt(),
                        "latest outcome " + standing),
                CITATION);
    }

    private static <T extends Comparable<T>> T atLeast(T value, T lowest) {
        return value.compareTo(lowest) < 0 ? lowest : value;
    }
}
