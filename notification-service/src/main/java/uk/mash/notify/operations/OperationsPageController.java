package uk.mash.notify.operations;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.sla.OpenSlaReferral;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;

/**
 * The operations page: whether each stage of the pipeline keeps up (consumer lag and its age), which referrals are at
 * risk of or past their deadline to tell the referrer, messages to referrers waiting or refused, and records on
 * dead-letter topics. Referral ids only; every look is audited under the operator's name.
 */
@Controller
class OperationsPageController {

    private final ConsumerLagMonitor lag;
    private final SlaClock sla;
    private final Deliveries deliveries;
    private final OperationsSettings settings;
    private final AuditTrail audit;
    private final Clock clock;

    OperationsPageController(ConsumerLagMonitor lag, SlaClock sla, Deliveries deliveries,
            OperationsSettings settings, AuditTrail audit, Clock clock) {
        this.lag = lag;
        this.sla = sla;
        this.deliveries = deliveries;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping({ "/operations", "/operations/" })
    @PreAuthorize("hasRole('OPERATIONS')")
    String page(Principal operator, Model model) {
        LagReading reading = lag.latest();
        Instant now = clock.instant();
        List<OpenSlaReferral> open = sla.openAtRiskOrBreached();
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
        model.addAttribute("deadLettered", OperationsView.deadLettered(reading));
        return "operations/page";
    }

    @GetMapping("/operations/sign-in")
    String signIn(@RequestParam(required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "operations/sign-in";
    }
}
