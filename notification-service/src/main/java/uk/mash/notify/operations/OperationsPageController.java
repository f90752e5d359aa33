package uk.mash.notify.operations;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.common.KafkaException;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.sla.OpenSlaReferral;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.security.FormNotSent;

/**
 * The operations page: whether each stage of the pipeline keeps up (consumer lag and its age), which referrals are at
 * risk of or past their deadline to tell the referrer, messages to referrers waiting or refused, and dead letters
 * waiting, which an operator republishes once their cause is put right, or dismisses one by one when one needs nothing
 * more. Referral ids only; every look, every republishing and every dismissal is audited under the operator's name,
 * the latter two with their reason.
 */
@Controller
class OperationsPageController {

    /** The earliest refused; the count above the list says how many there are in all. */
    private static final int REFUSED_LISTED = 100;

    private final ConsumerLagMonitor lag;
    private final DeadLetterRepublisher republisher;
    private final SlaClock sla;
    private final Deliveries deliveries;
    private final OperationsSettings settings;
    private final AuditTrail audit;
    private final Clock clock;

    OperationsPageController(ConsumerLagMonitor lag, DeadLetterRepublisher republisher, SlaClock sla,
            Deliveries deliveries, OperationsSettings settings, AuditTrail audit, Clock clock) {
        this.lag = lag;
        this.republisher = republisher;
        this.sla = sla;
        this.deliveries = deliveries;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The page, also at the addresses of its republish and dismiss forms, where a form sent after the session ended
     * returns its operator once signed in again (with what they entered: {@link FormNotSent}).
     */
    @GetMapping({ "/operations", "/operations/", "/operations/dead-letters", "/operations/dead-letters/dismissals" })
    @PreAuthorize("hasRole('OPERATIONS')")
    String page(Principal operator, Model model, HttpServletRequest request) {
        FormNotSent.takeFrom(request).ifPresent(notSent -> {
            model.addAttribute("notSentForm", formOf(notSent));
            model.addAttribute("notSentReason", notSent.field("reason"));
        });
        return render(operator, model, null);
    }

    /** The form on the page a form not sent came from: a dead letter's dismiss form, or its topic's republish form. */
    private static String formOf(FormNotSent notSent) {
        String topic = notSent.field("topic");
        if (topic == null) {
            return null;
        }
        return notSent.field("offset") == null ? OperationsView.republishFormOf(topic)
                : OperationsView.dismissFormOf(topic, notSent.field("partition"), notSent.field("offset"));
    }

    @PostMapping("/operations/dead-letters")
    @PreAuthorize("hasRole('OPERATIONS')")
    String republish(@RequestParam String topic, @RequestParam(defaultValue = "") String reason, Principal operator,
            Model model, RedirectAttributes redirect) {
        String form = OperationsView.republishFormOf(topic);
        if (!republisher.deadLetterTopics().contains(topic)) {
            return render(operator, model, new FormProblem(form, "Choose a dead-letter topic from the list"));
        }
        if (reason.isBlank()) {
            return render(operator, model, new FormProblem(form, "Enter why the dead letters can be republished now"));
        }
        DeadLetterRepublisher.Republished republished;
        try {
            republished = republisher.republish(topic, operator.getName());
        }
        catch (KafkaException | DataAccessException e) {
            return render(operator, model, new FormProblem(form, "Nothing was republished: " + notCompleted(e)));
        }
        String counts = republished.to().isEmpty() ? "nothing was waiting"
                : republished.to().entrySet().stream().map(to -> to.getValue() + " to " + to.getKey())
                        .collect(Collectors.joining(", "));
        if (republished.dismissedPassedOver() > 0) {
            counts += " (" + republished.dismissedPassedOver() + " dismissed, not sent)";
        }
        audit.record("DEAD_LETTERS_REPUBLISHED", null, "from " + topic + ": " + counts + "; " + reason.strip());
        lag.read();
        redirect.addFlashAttribute("republished", "Republished from " + topic + ": " + counts + ".");
        return "redirect:/operations";
    }

    /**
     * Dismisses one dead letter that needs nothing more (its referrer has sent the referral again, say), for the
     * operator's reason: it is no longer counted as waiting, nor republished. One already dismissed or republished is
     * left as it is, and the operator told so.
     */
    @PostMapping("/operations/dead-letters/dismissals")
    @PreAuthorize("hasRole('OPERATIONS')")
    String dismiss(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset,
            @RequestParam(defaultValue = "") String reason, Principal operator, Model model,
            RedirectAttributes redirect) {
        DeadLetterPosition position = new DeadLetterPosition(topic, partition, offset);
        if (!republisher.deadLetterTopics().contains(topic)) {
            redirect.addFlashAttribute("notDismissed", "Nothing was dismissed: " + topic
                    + " is not a dead-letter topic of the pipeline.");
            return "redirect:/operations";
        }
        String form = OperationsView.dismissFormOf(topic, String.valueOf(partition), String.valueOf(offset));
        if (reason.isBlank()) {
            return render(operator, model, new FormProblem(form, "Enter why this dead letter needs nothing more"));
        }
        DeadLetterRepublisher.Dismissal dismissal;
        try {
            dismissal = republisher.dismiss(position, operator.getName(), reason.strip());
        }
        catch (KafkaException | DataAccessException e) {
            return render(operator, model, new FormProblem(form, "Nothing was dismissed: " + notCompleted(e)));
        }
        switch (dismissal.outcome()) {
            case DISMISSED -> {
                lag.read();
                redirect.addFlashAttribute("dismissed", "Dismissed the dead letter at " + position
                        + ": it is no longer counted as waiting and will not be republished.");
            }
            case DISMISSED_BEFORE -> redirect.addFlashAttribute("notDismissed", "Nothing was changed: the dead letter "
                    + "at " + position + " was dismissed already, by " + dismissal.before().by() + " on "
                    + OperationsView.when(dismissal.before().at()) + ".");
            case REPUBLISHED_BEFORE -> redirect.addFlashAttribute("notDismissed", "Nothing was dismissed: the dead "
                    + "letter at " + position + " has been republished already.");
            case NO_SUCH_DEAD_LETTER -> redirect.addFlashAttribute("notDismissed", "Nothing was dismissed: there is "
                    + "no dead letter at " + position + ".");
        }
        return "redirect:/operations";
    }

    private static String notCompleted(RuntimeException e) {
        String which = e instanceof KafkaException ? "the broker" : "the notifier's database";
        return which + " did not complete it (" + e.getClass().getSimpleName() + "). Try again";
    }

    @GetMapping("/operations/sign-in")
    String signIn(@RequestParam(required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            @RequestParam(name = "session-ended", required = false) String sessionEnded, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("sessionEnded", sessionEnded != null);
        return "operations/sign-in";
    }

    private String render(Principal operator, Model model, FormProblem problem) {
        LagReading reading = lag.latest();
        Instant now = clock.instant();
        List<OpenSlaReferral> open = sla.openAtRiskOrBreached(now);
        audit.record("OPERATIONS_PAGE_VIEWED", null, open.size() + " referral(s) at risk or breached listed");
        model.addAttribute("operator", operator.getName());
        model.addAttribute("readAt", OperationsView.when(reading.readAt()));
        model.addAttribute("failure", reading.failure());
        model.addAttribute("groups", OperationsView.groups(settings.consumerGroups().keySet(), reading, now,
                settings.lagAgeWarning()));
        model.addAttribute("lagging", OperationsView.lagging(reading, now));
        model.addAttribute("ageWarning", OperationsView.waited(settings.lagAgeWarning().toSeconds()));
        model.addAttribute("sla", OperationsView.sla(open));
        model.addAttribute("deliveriesWaiting", deliveries.pendingCount());
        model.addAttribute("deliveriesUndeliverable", deliveries.undeliverableCount());
        model.addAttribute("refused", OperationsView.refused(deliveries.undeliverable(REFUSED_LISTED)));
        model.addAttribute("deadLetters", OperationsView.deadLetters(reading, now));
        model.addAttribute("problem", problem);
        return "operations/page";
    }

    /**
     * What is wrong with a request to republish or dismiss, for the error summary and the form it came from (its
     * reason field).
     */
    record FormProblem(String formId, String message) {

        public String fieldId() {
            return formId + "-reason";
        }
    }
}
