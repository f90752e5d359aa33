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
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.rules.Recommendation;

/**
 * Triage of a later account of a telephone referral ({@link LaterAccount}): its written follow-up, which can say what
 * the call did not (immediate risk of significant harm, say), or the call as recorded, reaching triage after its
 * written follow-up. The rule pack in force is run on the account, and the next version is issued as
 * {@link NextVersion} says: the rules' recommendation when it is more serious than the rules' outcome that stands,
 * for a MASH worker to confirm (a section 47 enquiry is routed at once meanwhile); over a MASH worker's decision, only
 * a raised priority on the worker's outcome, or immediate risk taken to child protection. The rules never step down
 * what stands. A referral to the child's allocated social worker is issued confirmed, as the rules issue it on a
 * call: the router holds anything else provisional for a MASH worker, and that social worker, who already has the
 * child, would not hear of the raised priority until then. Whatever is issued, a MASH worker gets a task to read the
 * account, due from when the MASH received it. Effectively once, as the call is: one later account is kept per
 * referral; a redelivery of its record re-sends what it caused, and another record carrying it sends nothing.
 */
@Service
class LaterAccountTriage {

    static final String CITATION = "seed 002, Making a referral: \"All telephone referrals will need to be "
            + "followed up in writing within 24 hours by the referring professional.\"";

    private final RulesInForce rules;
    private final TriageStore store;
    private final AuditTrail audit;
    private final TriageSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    LaterAccountTriage(RulesInForce rules, TriageStore store, AuditTrail audit, TriageSettings settings,
            Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Only for a referral triage knows: one it does not is triaged as the referral ({@link ReferralTriage}). */
    TriageEvents triage(LaterAccount account, ReferralReceived received, int partition, long offset) {
        UUID referralId = received.getReferralId();
        // Taken before the latest version is read, so that neither this nor a MASH worker's decision issues a version
        // on a stale latest; and after the child-key advisory locks, which the poll took for every child its records
        // name before triaging any (ChildCollation.prepareReferrals), while a worker's decision takes this lock and
        // no other before it: the two can wait for each other one way only, never both ways.
        store.lockReferral(referralId);
        if (!store.keep(account, received, partition, offset)) {
            return store.causedBy(account, referralId, partition, offset).orElseGet(() -> {
                audit.record(account.repeatedAction(), referralId, "a " + account.named() + " from partition "
                        + partition + " offset " + offset + " after the one kept: nothing sent");
                return TriageEvents.none();
            });
        }
        TriageOutcomeIssued latest = store.latestOutcome(referralId).orElseThrow();
        // a version carries the referrer's written account even when the call is what came late: the router and
        // the notifier read the child's postcode and the referrer's address from it, which the call may have misheard
        ReferralSubmitted asKnown = store.referralAsKnown(referralId).latest();
        RulesInForce.Recommended recommended = rules.recommend(received);
        Recommendation recommendation = recommended.recommendation();
        NextVersion next = NextVersion.after(latest, recommendation);
        Instant now = clock.instant();
        List<DecisionReason> reasons = new ArrayList<>();
        reasons.add(reason(account, received, latest, recommendation, next));
        reasons.addAll(recommendation.reasons());
        Optional<TriageOutcomeIssued> issued = switch (next) {
            case NONE -> Optional.empty();
            case RECOMMENDED -> Optional.of(recommendedVersion(received, asKnown, latest, recommended, reasons,
                    now));
            case PRIORITY_RAISED -> Optional.of(priorityRaised(asKnown, latest, recommendation, reasons.get(0), now));
        };
        TriageTaskCreated task = task(account, received, latest, recommendation, issued, reasons, now);
        issued.ifPresent(outcome -> {
            store.saveOutcome(outcome, false);
            store.supersedeBefore(referralId, outcome.getOutcomeVersion());
            meters.counter("triage.outcomes.issued", "outcome", outcome.getOutcome().name()).increment();
        });
        store.saveTask(task);
        store.caused(account, referralId, issued, task);
        String versions = issued.map(outcome -> "issued v" + outcome.getOutcomeVersion() + " " + outcome.getStatus()
                + (next == NextVersion.PRIORITY_RAISED ? " keeping the MASH worker's outcome at the raised priority"
                        : "") + ", superseding")
                .orElse("no version issued: nothing more than");
        audit.record(account.triagedAction(), referralId, account.named() + " received " + account.received(received)
                + ": " + recommendation.outcome() + " " + recommendation.priority() + " by "
                + recommended.pack().id() + " " + recommended.pack().version() + " rules " + recommended.rules() + "; "
                + versions + " v" + latest.getOutcomeVersion() + " (" + latest.getOutcome() + " "
                + latest.getPriority() + ", " + latest.getStatus() + ", decided by "
                + latest.getDecidedBy().getKind() + "); task " + task.getKind() + " " + task.getTaskId());
        return new TriageEvents(issued.stream().toList(), List.of(task));
    }

    private TriageOutcomeIssued recommendedVersion(ReferralReceived received, ReferralSubmitted asKnown,
            TriageOutcomeIssued latest, RulesInForce.Recommended recommended, List<DecisionReason> reasons,
            Instant now) {
        Recommendation recommendation = recommended.recommendation();
        return recommended.asOutcome(received, now)
                .setOutcomeVersion(latest.getOutcomeVersion() + 1)
                .setLevelOfNeed(atLeast(recommendation.level(), latest.getLevelOfNeed()))
                .setStatus(recommendation.outcome() == OutcomeType.ALLOCATED_SOCIAL_WORKER ? OutcomeStatus.CONFIRMED
                        : OutcomeStatus.PROVISIONAL)
                .setPriority(atLeast(recommendation.priority(), latest.getPriority()))
                .setReasons(reasons)
                .setReferral(asKnown)
                .build();
    }

    /**
     * The worker's outcome, level, status and team as they stand: only the priority is the rules', and the reasons
     * are why it was raised before the worker's own.
     */
    private static TriageOutcomeIssued priorityRaised(ReferralSubmitted asKnown, TriageOutcomeIssued latest,
            Recommendation recommendation, DecisionReason why, Instant now) {
        List<DecisionReason> reasons = new ArrayList<>();
        reasons.add(why);
        reasons.addAll(latest.getReasons());
        return TriageOutcomeIssued.newBuilder(latest)
                .setEventId(UUID.randomUUID())
                .setOutcomeVersion(latest.getOutcomeVersion() + 1)
                .setIssuedAt(now)
                .setPriority(recommendation.priority())
                .setReasons(reasons)
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setReferral(asKnown)
                .build();
    }

    private TriageTaskCreated task(LaterAccount account, ReferralReceived received, TriageOutcomeIssued latest,
            Recommendation recommendation, Optional<TriageOutcomeIssued> issued, List<DecisionReason> reasons,
            Instant now) {
        TaskKind kind = recommendation.outcome() == OutcomeType.SECTION_47_ENQUIRY ? TaskKind.REVIEW_SECTION_47
                : TaskKind.REVIEW_WRITTEN_FOLLOW_UP;
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(TimeOrderedIds.next())
                .setReferralId(received.getReferralId())
                .setCreatedAt(now)
                .setKind(kind)
                .setPriority(atLeast(recommendation.priority(), latest.getPriority()))
                .setDeadline(account.received(received).plus(settings.within(kind)))
                .setLocalAuthority(received.getReferral().getLocalAuthority())
                .setRecommendedOutcome(recommendation.outcome())
                .setLevelOfNeed(issued.map(TriageOutcomeIssued::getLevelOfNeed).orElse(recommendation.level()))
                .setReasons(reasons)
                .build();
    }

    private static DecisionReason reason(LaterAccount account, ReferralReceived received, TriageOutcomeIssued latest,
            Recommendation recommendation, NextVersion next) {
        boolean workers = latest.getDecidedBy().getKind() == DeciderKind.WORKER;
        String standing = "version " + latest.getOutcomeVersion() + " (" + latest.getOutcome() + ", "
                + latest.getPriority() + ", " + latest.getStatus() + (workers ? ", a MASH worker's decision" : "")
                + ")";
        String recommends = "The rules recommend " + recommendation.outcome() + " " + recommendation.priority();
        String outcome = switch (next) {
            case RECOMMENDED -> workers
                    ? recommends + " for immediate risk of significant harm, which must reach child protection at "
                            + "once: this version supersedes " + standing + ", for a MASH worker to confirm."
                    : "The rules recommend more than " + standing + ", which this version supersedes.";
            case PRIORITY_RAISED -> recommends + ", a higher priority than " + standing + ": this version keeps the "
                    + "worker's outcome at that priority, and a MASH worker reads the account and decides whether "
                    + "anything else changes.";
            case NONE -> (workers ? recommends + ", nothing that raises the priority of " + standing
                    : "The rules recommend nothing more serious than " + standing) + ", which stands: a MASH worker "
                    + "reads the account and decides whether anything changes.";
        };
        return new DecisionReason(account.ruleId(), account.described() + ", received " + account.received(received)
                + ", was triaged on what it says. " + outcome,
                List.of(account.named() + " received " + account.received(received), "latest outcome " + standing),
                CITATION);
    }

    private static <T extends Comparable<T>> T atLeast(T value, T lowest) {
        return value.compareTo(lowest) < 0 ? lowest : value;
    }
}
