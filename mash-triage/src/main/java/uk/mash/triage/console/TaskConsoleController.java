package uk.mash.triage.console;

import java.security.Principal;
import java.util.ArrayList;
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
import uk.mash.triage.decisions.ReferralChangedException;
import uk.mash.triage.decisions.TaskInHand;
import uk.mash.triage.decisions.WorkerDecisions;

/**
 * The MASH worker's console: the queue of open tasks, a task with the rules' recommendation and the case it is about
 * (a telephone referral's written follow-up beside the call as recorded), and the decision on it, which names what the
 * page showed. Decisions are taken by {@link WorkerDecisions}, as through the API; every look at a case and every
 * decision is audited under the worker's name.
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
        return taskPage(taskId, worker, notSent.map(DecisionForm::of), List.of(), model);
    }

    @PostMapping("/console/tasks/{taskId}")
    String decide(@PathVariable UUID taskId, @ModelAttribute DecisionForm form, Principal worker, Model model,
            RedirectAttributes redirect) {
        List<DecisionForm.FieldProblem> problems = form.problems();
        if (!problems.isEmpty()) {
            return taskPage(taskId, worker, Optional.of(form), problems, model);
        }
        TriageOutcomeIssued outcome;
        try {
            outcome = decisions.decide(taskId, form.toDecision(), worker.getName());
        }
        catch (DecisionRefusedException refused) {
            decisions.refused(worker.getName(), refused);
            return taskPage(taskId, worker, Optional.of(form), refused.problems().stream()
                    .map(problem -> new DecisionForm.FieldProblem(problem.field(), problem.message())).toList(),
                    model);
        }
        catch (ReferralChangedException changed) {
            // the page rendered again shows the referral as it is now, and says what the form did not see of it
            return taskPage(taskId, worker, Optional.of(form), List.of(), model);
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

    /**
     * The task as it is now. A form sent from an earlier page, whatever else is wrong with it, is checked against
     * what this page shows: a worker who saw less is told what changed, so that a decision is never sent again from
     * a page re-rendered with something new on it that nobody pointed out.
     */
    private String taskPage(UUID taskId, Principal worker, Optional<DecisionForm> sent,
            List<DecisionForm.FieldProblem> refusals, Model model) {
        WorkerDecisions.TaskForDecision opened = decisions.openForDecision(taskId, worker.getName());
        List<DecisionForm.FieldProblem> problems = new ArrayList<>(sent
                .map(form -> form.changedSince(opened.shown())).orElse(List.of()));
        problems.addAll(refusals);
        DecisionForm form = sent.orElseGet(DecisionForm::empty);
        UUID referralId = opened.task().getReferralId();
        model.addAttribute("taskId", taskId);
        model.addAttribute("shown", opened.shown());
        model.addAttribute("recommendation", TaskViews.recommendation(opened.task(), opened.latestOutcome()));
        model.addAttribute("reasons", TaskViews.reasons(opened.task()));
        ReferralAsKnown referral = opened.referral();
        model.addAttribute("referral", referral.asRecorded().map(call -> TaskViews.referral(referralId, call))
                .orElse(null));
        model.addAttribute("writtenFollowUp", referral.writtenFollowUp().map(written -> TaskViews.WrittenFollowUpView
                .of(referralId, written, referral.asRecorded(), referral.lateCall().isPresent())).orElse(null));
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
