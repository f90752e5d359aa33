package uk.mash.triage.console;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.security.FormNotSent;
import uk.mash.triage.decisions.DecisionRefusedException;
import uk.mash.triage.decisions.PendingOutcomeRelay;
import uk.mash.triage.decisions.ReferralAsKnown;
import uk.mash.triage.decisions.TaskInHand;
import uk.mash.triage.decisions.WorkerDecisions;
import uk.mash.triage.decisions.WrittenFollowUp;

/**
 * The MASH worker's console: the queue of open tasks, a task with the rules' recommendation and the case it is about
 * (a telephone referral's written follow-up beside the call as recorded), and the decision on it. Decisions are taken
 * by {@link WorkerDecisions}, as through the API; every look at a case and every decision is audited under the
 * worker's name.
 */
@Controller
@PreAuthorize("hasRole('MASH_WORKER')")
class TaskConsoleController {

    private final WorkerDecisions decisions;
    private final PendingOutcomeRelay relay;

    TaskConsoleController(WorkerDecisions decisions, PendingOutcomeRelay relay) {
        this.decisions = decisions;
        this.relay = relay;
    }

    @ModelAttribute("worker")
    String worker(Principal worker) {
        return worker.getName();
    }

    @GetMapping({ "/console", "/console/" })
    String home() {
        return "redirect:/console/tasks";
    }

    @GetMapping("/console/tasks")
    String queue(Principal worker, Model model) {
        Map<UUID, TaskInHand> inOtherHands = decisions.inOtherHands(worker.getName());
        model.addAttribute("tasks", decisions.openTasks(worker.getName()).stream()
                .map(task -> TaskViews.TaskRow.of(task, decisions.isOverdue(task), inOtherHands.get(task.getTaskId())))
                .toList());
        return "console/tasks";
    }

    /** The task, with the decision form a worker sent after their session ended, if they did, to send again. */
    @GetMapping("/console/tasks/{taskId}")
    String task(@PathVariable UUID taskId, Principal worker, Model model, HttpServletRequest request) {
        Optional<FormNotSent> notSent = FormNotSent.takeFrom(request);
        model.addAttribute("notSent", notSent.isPresent());
        return taskPage(taskId, worker, notSent.map(DecisionForm::of).orElseGet(DecisionForm::empty), List.of(),
                model);
    }

    @PostMapping("/console/tasks/{taskId}")
    String decide(@PathVariable UUID taskId, @ModelAttribute DecisionForm form, Principal worker, Model model,
            RedirectAttributes redirect) {
        List<DecisionForm.FieldProblem> problems = form.problems();
        if (!problems.isEmpty()) {
            return taskPage(taskId, worker, form, problems, model);
        }
        TriageOutcomeIssued outcome;
        try {
            outcome = decisions.decide(taskId, form.toDecision(), worker.getName());
        }
        catch (DecisionRefusedException refused) {
            return taskPage(taskId, worker, form, refused.problems().stream()
                    .map(problem -> new DecisionForm.FieldProblem(problem.field(), problem.message())).toList(),
                    model);
        }
        redirect.addFlashAttribute("published", relay.publishDecided());
        redirect.addFlashAttribute("referralId", outcome.getReferralId());
        redirect.addFlashAttribute("outcome", ConsoleLabels.outcome(outcome.getOutcome()));
        redirect.addFlashAttribute("levelOfNeed", ConsoleLabels.level(outcome.getLevelOfNeed()));
        redirect.addFlashAttribute("outcomeVersion", outcome.getOutcomeVersion());
        redirect.addFlashAttribute("overridden", form.toDecision().outcome() != null);
        return "redirect:/console/decided";
    }

    @GetMapping("/console/decided")
    String decided(Model model) {
        return model.containsAttribute("outcome") ? "console/decided" : "redirect:/console/tasks";
    }

    @ExceptionHandler(WorkerDecisions.TaskNotOpenException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String notOpen(WorkerDecisions.TaskNotOpenException e, Model model) {
        model.addAttribute("alreadyDecided", e.alreadyDecided());
        return "console/not-open";
    }

    private String taskPage(UUID taskId, Principal worker, DecisionForm form, List<DecisionForm.FieldProblem> problems,
            Model model) {
        WorkerDecisions.TaskForDecision opened = decisions.openForDecision(taskId, worker.getName());
        model.addAttribute("taskId", taskId);
        model.addAttribute("recommendation", TaskViews.recommendation(opened.task(), opened.latestOutcome()));
        model.addAttribute("reasons", TaskViews.reasons(opened.task()));
        ReferralAsKnown referral = opened.referral();
        boolean callNeverReceived = referral.writtenFollowUp().filter(WrittenFollowUp::triagedAsFirstVersion)
                .isPresent();
        model.addAttribute("referral", callNeverReceived ? null
                : TaskViews.referral(opened.task().getReferralId(), referral.asFirstReceived()));
        model.addAttribute("writtenFollowUp", referral.writtenFollowUp().map(written -> TaskViews.WrittenFollowUpView
                .of(opened.task().getReferralId(), written, referral.asFirstReceived())).orElse(null));
        model.addAttribute("otherReferrals", TaskViews.otherReferrals(opened.otherReferrals()));
        model.addAttribute("inOtherHands", opened.inOtherHands().map(TaskViews::openedBy).orElse(null));
        model.addAttribute("outcomes", DecisionForm.OVERRIDE_OUTCOMES.stream()
                .map(outcome -> new TaskViews.Row(outcome.name(), ConsoleLabels.outcome(outcome))).toList());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("errors", problems.stream().collect(Collectors.toMap(DecisionForm.FieldProblem::field,
                DecisionForm.FieldProblem::message, (first, second) -> first, LinkedHashMap::new)));
        return "console/task";
    }
}
