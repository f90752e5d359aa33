package uk.mash.notify.sla;

import java.time.Clock;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.platform.audit.AuditTrail;

/** For operations: referrals at risk of, or past, their deadline whose referrer is still not told. */
@RestController
class SlaController {

    private final SlaClock sla;
    private final AuditTrail audit;
    private final Clock clock;

    SlaController(SlaClock sla, AuditTrail audit, Clock clock) {
        this.sla = sla;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/sla/open-referrals")
    @PreAuthorize("hasRole('OPERATIONS')")
    List<OpenSlaReferral> openReferrals() {
        List<OpenSlaReferral> open = sla.openAtRiskOrBreached(clock.instant());
        audit.record("SLA_OPEN_REFERRALS_VIEWED", null, open.size() + " referral(s) at risk or breached listed");
        return open;
    }
}
