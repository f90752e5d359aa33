package uk.mash.triage.decisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DecidedBy;
import uk.mash.events.DecisionReason;
import uk.mash.events.DeciderKind;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.triage.TriageSettings;

/**
 * A named MASH worker owns the decision: confirming or overriding the rules' recommendation issues a superseding
 * outcome (the next version, confirmed, decided by the worker, with the worker's reason beside the rules' reasons).
 * Its priority is never lower than the recommendation's, and its level and priority are at least what the decided
 * outcome needs, so that the router gives the receiving team the deadline of that outcome: seed 002, "Level 3
 * Specialist Needs and Safeguarding", places "all Section 47 referrals" and children for whom "a comprehensive
 * statutory assessment is required under Section 17" at Level 3, and both are at least urgent (a section 47 enquiry
 * immediate when the referrer or the MASH sees immediate risk), as the rules issue them. A decision the guidance
 * rules out for the referral is refused before anything is recorded ({@link #unsafe}), as is one made on a page
 * opened before the referral changed ({@link ReferralAsShown}). The outcome carries the referral as the MASH now
 * knows it, a telephone referral's written follow-up once received, so that the team it goes to reads what the
 * referrer wrote and not only what was said on the telephone.
 * Each task is decided once: the task closes in the same database transaction that stores the new outcome, and the
 * outcome is published from the database afterwards, so a retried request or a crash never issues it twice.
 */
@Service
public class WorkerDecisions {

    static final String MASH_DECISION = "seed 002, Making a referral: \"The referral will then be passed to a MASH "
            + "Worker who will undertake further information gathering ... and from this collation of information will "
            + "make a decision in regards to appropriate and proportionate intervention.\"";

    /** Enough for a worker to see a pattern of concerns; the oldest are in the child's case records. */
    static final int OTHER_REFERRALS_SHOWN = 20;

    private final TriageStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration inHandFor;

    WorkerDecisions(TriageStore store, AuditTrail audit, Clock clock, TriageSettings settings) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.inHandFor = settings.taskInHandFor();
    }

    /** The open tasks in the order to take them ({@link TaskQueueOrder}). */
    @Transactional
    public List<TriageTaskCreated> openTasks(String worker) {
        List<TriageTaskCreated> tasks = TaskQueueOrder.sorted(store.openTasks(), clock.instant());
        audit.recordAs(worker, "OPEN_TASKS_VIEWED", null, tasks.size() + " open tasks listed");
        return tasks;
    }

    /** The open tasks now in the hands of a worker other than this one, by task. */
    public Map<UUID, TaskInHand> inOtherHands(String worker) {
        Instant now = clock.instant();
        Map<UUID, TaskInHand> inHand = new HashMap<>(store.openTasksOpenedSince(now.minus(inHandFor)));
        inHand.values().removeIf(opened -> !opened.shownTo(worker, now, inHandFor));
        return inHand;
    }

    /** Whether the task is past its deadline now. */
    public boolean isOverdue(TriageTaskCreated task) {
        return TaskQueueOrder.isOverdue(task, clock.instant());
    }

    /**
     * A worker opens an open task to decide it: the task, and the latest outcome with the referral it is about, and
     * who else has it in hand. The look at the case is audited.
     *
     * @throws TaskNotOpenException when the task does not exist or was already decided
     */
    @Transactional
    public TaskForDecision openForDecision(UUID taskId, String worker) {
        TriageTaskCreated task = store.openTask(taskId)
                .orElseThrow(() -> new TaskNotOpenException(taskId, store.task(taskId).isPresent()));
        TriageOutcomeIssued latest = store.latestOutcome(task.getReferralId()).orElseThrow();
        ReferralAsKnown referral = store.referralAsKnown(task.getReferralId());
        List<TriageOutcomeIssued> otherReferrals = store.otherReferralsAboutTheChild(task.getReferralId(),
                OTHER_REFERRALS_SHOWN);
        Instant now = clock.instant();
        Optional<TaskInHand> inOtherHands = store.opened(taskId, worker, now)
                .filter(opened -> opened.shownTo(worker, now, inHandFor));
        audit.recordAs(worker, "TASK_OPENED", task.getReferralId(), "opened task for decision (" + task.getKind()
                + ", task " + taskId + ")" + inOtherHands.map(opened -> ", in the hands of " + opened.worker()
                        + " since " + opened.since()).orElse("") + referral.writtenFollowUp()
                                .map(written -> ", with the written follow-up received " + written.receivedAt())
                                .orElse("")
                + (referral.lateCall().isPresent() ? " and the telephone referral that reached triage after it" : ""));
        otherReferrals.forEach(other -> audit.recordAs(worker, "CHILD_HISTORY_VIEWED", other.getReferralId(),
                "shown beside task " + taskId + " of referral " + task.getReferralId() + " about the same child"));
        return new TaskForDecision(task, latest, referral, otherReferrals, inOtherHands);
    }

    /**
     * An open task with the latest outcome of its referral, the referral as the MASH knows it (a telephone referral
     * as the call was recorded, and its written follow-up once received), the latest outcome of each other referral
     * about the same child, newest first, and the other worker who has the task in hand, if one has.
     */
    public record TaskForDecision(TriageTaskCreated task, TriageOutcomeIssued latestOutcome, ReferralAsKnown referral,
            List<TriageOutcomeIssued> otherReferrals, Optional<TaskInHand> inOtherHands) {

        /** What the task page shows of the referral, which the decision made on it names. */
        public ReferralAsShown shown() {
            return ReferralAsShown.of(latestOutcome, referral);
        }
    }

    /**
     * Records a decision the guidance ruled out, once its transaction has rolled back: who tried what on which task,
     * and what stood in the way. Nothing was decided, but an attempt to take a child out of child protection, say,
     * stays in the audit trail.
     */
    public void refused(String worker, DecisionRefusedException refused) {
        audit.recordAs(worker, "DECISION_REFUSED", refused.referralId(), refused.attempted() + " (task "
                + refused.taskId() + ") refused for "
                + refused.problems().stream().map(DecisionRefusedException.Problem::field).toList());
    }

    /** What the task page would show now of each of these referrals, for a decision through the API to name. */
    public Map<UUID, ReferralAsShown> referralsAsShown(Collection<UUID> referralIds) {
        return store.referralsAsShown(referralIds);
    }

    /**
     * The decision names what its worker was shown ({@link ReferralAsShown}): it confirms or overrides the outcome
     * version the worker read, and closes the referral's other open tasks, only when nothing has changed since.
     *
     * @return the superseding outcome
     * @throws TaskNotOpenException when the task does not exist or was already decided
     * @throws ReferralChangedException when the referral changed after the worker's page was rendered
     * @throws DecisionRefusedException when the guidance rules the decision out
     */
    @Transactional
    public TriageOutcomeIssued decide(UUID taskId, WorkerDecision decision, String worker) {
        TriageTaskCreated task = store.task(taskId).orElseThrow(() -> new TaskNotOpenException(taskId, false));
        UUID referralId = task.getReferralId();
        store.lockReferral(referralId);
        Instant now = clock.instant();
        // closed first, under the referral's lock, so that a decided task answers as such whatever else changed;
        // any refusal below rolls it back
        if (!store.decide(taskId, worker, now, decision.reason())) {
            throw new TaskNotOpenException(taskId, true);
        }
        TriageOutcomeIssued latest = store.latestOutcome(referralId).orElseThrow();
        ReferralAsKnown referral = store.referralAsKnown(referralId);
        List<ReferralAsShown.Change> unseen = ReferralAsShown.of(latest, referral).unseenBy(decision.outcomeVersion(),
                decision.writtenFollowUpSeen(), decision.lateCallSeen());
        if (!unseen.isEmpty()) {
            throw new ReferralChangedException(unseen);
        }
        boolean override = decision.decision() == WorkerDecision.Decision.OVERRIDE;
        OutcomeType outcome = override ? decision.outcome() : latest.getOutcome();
        List<DecisionRefusedException.Problem> problems = unsafe(decision, outcome, latest, referral);
        if (!problems.isEmpty()) {
            throw new DecisionRefusedException(taskId, referralId, decision.decision() + (override ? " to " + outcome
                    : " of " + outcome) + ": " + decision.reason() + findings(decision), problems);
        }
        store.closeOtherTasks(referralId, taskId, worker, now);
        List<DecisionReason> reasons = new ArrayList<>();
        reasons.add(new DecisionReason(override ? "mash-worker-override" : "mash-worker-confirmation",
                (override ? "A MASH worker overrode the recommendation (" + latest.getOutcome() + ") with "
                        + outcome : "A MASH worker confirmed the recommendation (" + outcome + ")")
                        + ": " + decision.reason() + findings(decision),
                List.of("task " + taskId + " (" + task.getKind() + ")", "previous outcome version "
                        + latest.getOutcomeVersion() + ": " + latest.getOutcome() + ", " + latest.getStatus()),
                MASH_DECISION));
        reasons.addAll(latest.getReasons());
        TriageOutcomeIssued superseding = TriageOutcomeIssued.newBuilder(latest)
                .setEventId(UUID.randomUUID())
                .setOutcomeVersion(latest.getOutcomeVersion() + 1)
                .setIssuedAt(now)
                .setOutcome(outcome)
                .setLevelOfNeed(atLeast(override && decision.levelOfNeed() != null ? decision.levelOfNeed()
                        : latest.getLevelOfNeed(), lowestLevel(outcome)))
                .setPriority(atLeast(latest.getPriority(), lowestPriority(outcome, referral, decision)))
                .setStatus(OutcomeStatus.CONFIRMED)
                .setReasons(reasons)
                .setDecidedBy(new DecidedBy(DeciderKind.WORKER, worker))
                .setIdentifiedOrganisation(outcome == OutcomeType.SINGLE_AGENCY
                        ? organisation(latest, referral.latest()) : null)
                .setAllocatedSocialWorker(outcome == OutcomeType.ALLOCATED_SOCIAL_WORKER
                        ? latest.getAllocatedSocialWorker() : null)
                .setAllocatedCaseId(outcome == OutcomeType.ALLOCATED_SOCIAL_WORKER
                        ? latest.getAllocatedCaseId() : null)
                .setReferral(referral.latest())
                .build();
        store.saveOutcome(superseding, true);
        store.supersedeBefore(referralId, superseding.getOutcomeVersion());
        audit.recordAs(worker, override ? "OUTCOME_OVERRIDDEN" : "OUTCOME_CONFIRMED", referralId,
                latest.getOutcome() + " v" + latest.getOutcomeVersion() + " -> " + outcome + " v"
                        + superseding.getOutcomeVersion() + ": " + decision.reason() + findings(decision));
        return superseding;
    }

    /**
     * What the guidance rules out for this referral, by the field at fault. Seed 002: consent is not sought where
     * seeking it "would place the child at risk of significant harm", so such a referral is never sent back to its
     * referrer for consent; nor is one recommended for a section 47 enquiry, for which consent is sought "except where
     * the act of seeking consent would place the child ... at immediate risk of significant harm, or prevent or
     * obstruct the investigation of a serious crime" (Section 47), unless the MASH finds there is no risk of
     * significant harm after all: the rules recommend it whether or not the family consents, and returning it would
     * withdraw it from child protection and send the referrer to carers who may be the risk. Consent the MASH has
     * obtained leaves nothing to return a referral for; consent the referral gives may since have been withdrawn, so
     * it does not stop a return. Early Help and a section 17 assessment need the consent of the parents or
     * carers, so without it on the referral the MASH must have obtained it since; and "of the young person where they
     * are Gillick or Fraser competent" (Section 17), who "Can decline such support" (Principles), so the MASH must
     * record that a young person the referrer calls Gillick competent consents themselves: the referral's consent
     * may be only the parents'. A section 47 enquiry needs no such finding, since a refusal yields where it "would
     * result in they or another person suffering significant harm". Immediate risk of significant harm is a child
     * protection matter, for a section 47 enquiry or the child's allocated social worker. A telephone referral's
     * call and written follow-up are both the referrer's: immediate risk, consent not sought because of risk and a
     * young person called Gillick competent stand when either says so, as a later account leaving one out has not
     * taken it back. Consent given is read from the written follow-up once there is one, which the referring
     * professional wrote after the call: consent may have been sought, or withdrawn, since.
     */
    static List<DecisionRefusedException.Problem> unsafe(WorkerDecision decision, OutcomeType outcome,
            TriageOutcomeIssued latest, ReferralAsKnown known) {
        List<DecisionRefusedException.Problem> problems = new ArrayList<>();
        boolean immediateRisk = known.immediateRisk() || decision.immediateRisk();
        if (outcome == OutcomeType.RETURNED_FOR_CONSENT) {
            if (immediateRisk || known.consentNotSoughtForRisk()) {
                problems.add(new DecisionRefusedException.Problem("outcome", "This referral cannot be returned for "
                        + "consent: consent is not sought where seeking it would put the child at risk of "
                        + "significant harm"));
            }
            else if (decision.consentObtained()) {
                problems.add(new DecisionRefusedException.Problem("outcome", "This referral cannot be returned for "
                        + "consent: the MASH has obtained the consent, so there is nothing to return it for"));
            }
            else if (latest.getOutcome() == OutcomeType.SECTION_47_ENQUIRY && !decision.noSignificantHarm()) {
                problems.add(new DecisionRefusedException.Problem("noSignificantHarm", "A referral recommended for "
                        + "a section 47 enquiry is returned for consent only when the MASH finds no risk of "
                        + "significant harm to the child: record that finding, or decide another outcome"));
            }
        }
        if (decision.noSignificantHarm() && decision.immediateRisk()) {
            problems.add(new DecisionRefusedException.Problem("noSignificantHarm", "Record either immediate risk of "
                    + "significant harm or no risk of significant harm, not both"));
        }
        if ((outcome == OutcomeType.EARLY_HELP || outcome == OutcomeType.SECTION_17_ASSESSMENT)
                && known.latest().getConsent() != ConsentStatus.GIVEN && !decision.consentObtained()) {
            problems.add(new DecisionRefusedException.Problem("consentObtained", "Early Help and a section 17 "
                    + "assessment need the consent of the parents or carers, which the referral does not have: "
                    + "record that the MASH has since obtained it, or decide another outcome"));
        }
        if ((outcome == OutcomeType.EARLY_HELP || outcome == OutcomeType.SECTION_17_ASSESSMENT)
                && known.gillickCompetent() && !decision.youngPersonConsents()) {
            problems.add(new DecisionRefusedException.Problem("youngPersonConsents", "Early Help and a section 17 "
                    + "assessment for a Gillick competent young person need the young person's own consent, not only "
                    + "that of the parents or carers: record that they consent, or decide another outcome"));
        }
        if (decision.immediateRisk() && outcome != OutcomeType.SECTION_47_ENQUIRY
                && outcome != OutcomeType.ALLOCATED_SOCIAL_WORKER) {
            problems.add(new DecisionRefusedException.Problem("immediateRisk", "Immediate risk of significant harm "
                    + "needs a section 47 enquiry: decide that outcome, or do not record immediate risk"));
        }
        return problems;
    }

    private static String findings(WorkerDecision decision) {
        return (decision.immediateRisk() ? " The MASH found immediate risk of significant harm." : "")
                + (decision.consentObtained() ? " The MASH has since obtained consent." : "")
                + (decision.noSignificantHarm() ? " The MASH found no risk of significant harm." : "")
                + (decision.youngPersonConsents() ? " The young person has given their own consent." : "");
    }

    private static LevelOfNeed lowestLevel(OutcomeType outcome) {
        return outcome == OutcomeType.SECTION_47_ENQUIRY || outcome == OutcomeType.SECTION_17_ASSESSMENT
                ? LevelOfNeed.LEVEL_3
                : LevelOfNeed.LEVEL_1;
    }

    private static Priority lowestPriority(OutcomeType outcome, ReferralAsKnown referral, WorkerDecision decision) {
        boolean immediateRisk = referral.immediateRisk() || decision.immediateRisk();
        return switch (outcome) {
            case SECTION_47_ENQUIRY -> immediateRisk ? Priority.IMMEDIATE : Priority.URGENT;
            case SECTION_17_ASSESSMENT -> Priority.URGENT;
            case ALLOCATED_SOCIAL_WORKER -> decision.immediateRisk() ? Priority.IMMEDIATE : Priority.ROUTINE;
            default -> Priority.ROUTINE;
        };
    }

    private static <T extends Comparable<T>> T atLeast(T value, T lowest) {
        return value.compareTo(lowest) < 0 ? lowest : value;
    }

    private static String organisation(TriageOutcomeIssued latest, ReferralSubmitted referral) {
        if (latest.getIdentifiedOrganisation() != null) {
            return latest.getIdentifiedOrganisation();
        }
        String school = referral.getChild().getSchoolOrSetting();
        return school != null && !school.isBlank() ? school : "universal services";
    }

    /** The task is unknown, or a worker already decided it. */
    public static class TaskNotOpenException extends RuntimeException {

        private final boolean alreadyDecided;

        TaskNotOpenException(UUID taskId, boolean alreadyDecided) {
            super(alreadyDecided ? "Task " + taskId + " has already been decided."
                    : "There is no task " + taskId + ".");
            this.alreadyDecided = alreadyDecided;
        }

        public boolean alreadyDecided() {
            return alreadyDecided;
        }
    }
}
