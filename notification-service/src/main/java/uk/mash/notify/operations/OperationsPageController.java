package uk.mash.notify.operations;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.common.KafkaException;
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
 * waiting, which an operator republishes once their cause is put right. Referral ids only; every look and every
 * republishing is audited under the operator's name, the latter with their reason.
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
     * The page, also at the address of its republish form, where a form sent after the session ended returns its
     * operator once signed in again (with what they entered: {@link FormNotSent}).
     */
    @GetMapping({ "/operations", "/operations/", "/operations/dead-letters" })
    @PreAuthorize("hasRole('OPERATIONS')")
    String page(Principal operator, Model model, HttpServletRequest request) {
        FormNotSent.takeFrom(request).ifPresent(notSent -> {
            model.addAttribute("notSentTopic", notSent.field("topic"));
            model.addAttribute("notSentReason", notSent.field("reason"));
        });
        return render(operator, model, null);
    }

    @PostMapping("/operations/dead-letters")
    @PreAuthorize("hasRole('OPERATIONS')")
    String republish(@RequestParam String topic, @RequestParam(defaultValue = "") String reason, Principal operator,
            Model model, RedirectAttributes redirect) {
        if (!republisher.deadLetterTopics().contains(topic)) {
            return render(operator, model, new RepublishProblem(topic, "Choose a dead-letter topic from the list"));
        }
        if (reason.isBlank()) {
            return render(operator, model, new RepublishProblem(topic,
                    "Enter why the dead letters can be republished now"));
        }
        Map<String, Integer> republished;
        try {
            republished = republisher.republish(topic, operator.getName());
        }
        catch (KafkaException e) {
            return render(operator, model, new RepublishProblem(topic, "Nothing was republished: the broker did not "
                    + "complete it (" + e.getClass().getSimpleName() + "). Try again"));
        }
        String counts = republished.isEmpty() ? "nothing was waiting"
                : republished.entrySet().stream().map(to -> to.getValue() + " to " + to.getKey())
                        .collect(Collectors.joining(", "));
        audit.record("DEAD_LETTERS_REPUBLISHED", null, "from " + topic + ": " + counts + "; " + reason.strip());
        lag.read();
        redirect.addFlashAttribute("republished", "Republished from " + topic + ": " + counts + ".");
        return "redirect:/operations";
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

    private String render(Principal operator, Model model, RepublishProblem problem) {
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

    /** What is wrong with a request to republish, for the error summary and the topic's form (its reason field). */
    record RepublishProblem(String topic, String message, String fieldId) {

        RepublishProblem(String topic, String message) {
            this(topic, message, OperationsView.republishFormOf(topic) + "-reason");
        }
    }
}
