package uk.mash.triage.decisions;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/**
 * The MASH worker's API: the open tasks, each with the rules' recommendation and reasons, and the worker's decision
 * on one of them, naming what of the referral the worker saw. Only MASH workers; every look and every decision is
 * audited under the worker's name.
 */
@RestController
@PreAuthorize("hasRole('MASH_WORKER')")
class WorkerDecisionController {

    private final WorkerDecisions decisions;
    private final PendingOutcomeRelay relay;

    WorkerDecisionController(WorkerDecisions decisions, PendingOutcomeRelay relay) {
        this.decisions = decisions;
        this.relay = relay;
    }

    @GetMapping("/api/v1/tasks")
    List<TaskView> openTasks(Principal worker) {
        Map<UUID, TaskInHand> inOtherHands = decisions.inOtherHands(worker.getName());
        List<TriageTaskCreated> tasks = decisions.openTasks(worker.getName());
        Map<UUID, ReferralAsShown> shown = decisions.referralsAsShown(tasks.stream()
                .map(TriageTaskCreated::getReferralId).collect(Collectors.toSet()));
        return tasks.stream().map(task -> TaskView.of(task, shown.get(task.getReferralId()),
                inOtherHands.get(task.getTaskId()))).toList();
    }

    @PostMapping("/api/v1/tasks/{taskId}/decision")
    ResponseEntity<?> decide(@PathVariable UUID taskId, @RequestBody WorkerDecision decision, Principal worker) {
        if (decision.outcomeVersion() == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The decision does not name the outcome version it was made on.");
            problem.setTitle("Outcome version missing");
            problem.setProperty("errors", List.of(error("REQUIRED", "outcomeVersion", "Give the outcome version the "
                    + "task showed you (GET /api/v1/tasks, outcomeVersion), so that a decision on a referral that has "
                    + "changed since is not recorded.")));
            return ResponseEntity.badRequest().body(problem);
        }
        List<Map<String, String>> errors = problems(decision);
        if (!errors.isEmpty()) {
            return refused(errors);
        }
        TriageOutcomeIssued outcome = decisions.decide(taskId, decision, worker.getName());
        boolean published = relay.publishDecided();
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + taskId + "/decision"))
                .body(OutcomeView.of(outcome, published));
    }

    @ExceptionHandler(DecisionRefusedException.class)
    ResponseEntity<ProblemDetail> unsafe(DecisionRefusedException e, Principal worker) {
        decisions.refused(worker.getName(), e);
        return refused(e.problems().stream().map(problem -> error("RULED_OUT_BY_GUIDANCE", problem.field(),
                problem.message())).toList());
    }

    private static ResponseEntity<ProblemDetail> refused(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The decision was not recorded: " + errors.size() + " problem(s) to put right.");
        problem.setTitle("Decision refused");
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(ReferralChangedException.class)
    ResponseEntity<ProblemDetail> changed(ReferralChangedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The decision was not recorded: " + ReferralChangedException.MESSAGE + ".");
        problem.setTitle("Referral changed");
        problem.setProperty("errors", e.problems().stream()
                .map(changed -> error("REFERRAL_CHANGED", changed.field(), changed.message())).toList());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(WorkerDecisions.TaskNotOpenException.class)
    ResponseEntity<ProblemDetail> notOpen(WorkerDecisions.TaskNotOpenException e) {
        HttpStatus status = e.alreadyDecided() ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }

    private static List<Map<String, String>> problems(WorkerDecision decision) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (decision.decision() == null) {
            errors.add(error("REQUIRED", "decision", "Say CONFIRM or OVERRIDE."));
        }
        if (decision.reason() == null || decision.reason().isBlank()) {
            errors.add(error("REQUIRED", "reason", "Give the reason for the decision; it is recorded with your name."));
        }
        if (decision.decision() == WorkerDecision.Decision.OVERRIDE) {
            if (decision.outcome() == null) {
                errors.add(error("REQUIRED", "outcome", "An override needs the outcome you decide."));
            }
            else if (decision.outcome() == OutcomeType.ALLOCATED_SOCIAL_WORKER) {
                errors.add(error("NOT_ALLOWED", "outcome", "A referral goes to an allocated social worker only from "
                        + "the case registry, not by override."));
            }
        }
        if (decision.decision() == WorkerDecision.Decision.CONFIRM
                && (decision.outcome() != null || decision.levelOfNeed() != null)) {
            errors.add(error("NOT_ALLOWED", "outcome",
                    "A confirmation keeps the recommendation; use OVERRIDE to change it."));
        }
        if (decision.reason() != null && decision.reason().strip().length() > WorkerDecision.REASON_MAX_LENGTH) {
            errors.add(error("TOO_LONG", "reason",
                    "The reason must be " + WorkerDecision.REASON_MAX_LENGTH + " characters or fewer."));
        }
        return errors;
    }

    private static Map<String, String> error(String code, String field, String message) {
        return Map.of("code", code, "field", field, "message", message);
    }

    /**
     * An open task; {@code inHandOf} and {@code inHandSince} name a colleague who opened it lately, if one did.
     * {@code outcomeVersion}, {@code writtenFollowUp} and {@code lateCall} say what of the referral a decision on it
     * must name as seen.
     */
    record TaskView(UUID taskId, UUID referralId, String kind, String priority, String deadline,
            String localAuthority, String recommendedOutcome, String levelOfNeed, List<ReasonView> reasons,
            String inHandOf, String inHandSince,
            @Schema(description = "The referral's latest outcome version: a decision names it as outcomeVersion")
            int outcomeVersion,
            @Schema(description = "The referral has a written follow-up: a decision names it seen as "
                    + "writtenFollowUpSeen")
            boolean writtenFollowUp,
            @Schema(description = "The telephone referral as recorded reached triage after its written follow-up: a "
                    + "decision names it seen as lateCallSeen")
            boolean lateCall) {

        static TaskView of(TriageTaskCreated task, ReferralAsShown shown, TaskInHand inOtherHands) {
            return new TaskView(task.getTaskId(), task.getReferralId(), task.getKind().name(),
                    task.getPriority().name(), task.getDeadline().toString(), task.getLocalAuthority(),
                    task.getRecommendedOutcome().name(), task.getLevelOfNeed().name(),
                    task.getReasons().stream().map(r -> new ReasonView(r.getRuleId(), r.getExplanation(),
                            r.getMatchedFacts(), r.getCitation())).toList(),
                    inOtherHands == null ? null : inOtherHands.worker(),
                    inOtherHands == null ? null : inOtherHands.since().toString(),
                    shown.outcomeVersion(), shown.writtenFollowUp(), shown.lateCall());
        }
    }

    record ReasonView(String ruleId, String explanation, List<String> matchedFacts, String citation) {
    }

    /**
     * The outcome the decision issued; {@code published} false when it was recorded but not yet published, which the
     * relay then does (the decision stands and is not to be sent again).
     */
    record OutcomeView(UUID referralId, int outcomeVersion, String outcome, String levelOfNeed, String status,
            String decidedBy, boolean published) {

        static OutcomeView of(TriageOutcomeIssued outcome, boolean published) {
            return new OutcomeView(outcome.getReferralId(), outcome.getOutcomeVersion(), outcome.getOutcome().name(),
                    outcome.getLevelOfNeed().name(), outcome.getStatus().name(), outcome.getDecidedBy().getWorkerId(),
                    published);
        }
    }
}
