package uk.mash.notify.referrer;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.security.CallerIdentity;

/**
 * What a referrer has been told about a referral. An agency sees only notifications to itself, and an agency caller
 * bound to no agency sees none; only operations see any agency's. Every look is recorded in the audit trail.
 */
@RestController
class NotificationController {

    private final ReferrerNotifier notifier;
    private final AuditTrail audit;

    NotificationController(ReferrerNotifier notifier, AuditTrail audit) {
        this.notifier = notifier;
        this.audit = audit;
    }

    @GetMapping("/api/v1/referrals/{referralId}/notifications")
    @PreAuthorize("hasAnyRole('AGENCY', 'OPERATIONS')")
    ResponseEntity<?> notifications(@PathVariable UUID referralId, Authentication authentication,
            @AuthenticationPrincipal CallerIdentity caller) {
        boolean operations = authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_OPERATIONS"));
        List<StoredNotification> notifications = notifier.forReferral(referralId).stream()
                .filter(n -> operations || caller.actsFor(n.agencyCode()))
                .toList();
        if (notifications.isEmpty()) {
            // an agency asking for referrals not its own leaves a trace, as it does at intake
            audit.record("NOTIFICATIONS_REFUSED", referralId, "no notification this caller may see");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No notification for referral " + referralId + " yet."));
        }
        audit.record("NOTIFICATIONS_VIEWED", referralId, "referrer notifications requested");
        return ResponseEntity.ok(notifications);
    }
}
