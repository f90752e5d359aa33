package uk.mash.intake.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.store.ReferralStore;
import uk.mash.intake.telephone.FollowUp;
import uk.mash.intake.telephone.TelephoneFollowUps;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.security.CallerIdentity;

/**
 * Telephone referrals, recorded by MASH contact staff on behalf of the professional who rang, and the written
 * follow-up that professional owes within 24 hours (seed 002). The referring agency or a MASH worker marks the
 * follow-up received; a written submission with the same agency reference marks it too.
 */
@RestController
class TelephoneReferralController {

    private final ReferralIntake intake;
    private final ReferralStore store;
    private final TelephoneFollowUps followUps;
    private final AuditTrail audit;
    private final Clock clock;

    TelephoneReferralController(ReferralIntake intake, ReferralStore store, TelephoneFollowUps followUps,
            AuditTrail audit, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.followUps = followUps;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/v1/telephone-referrals")
    @PreAuthorize("hasRole('MASH_WORKER')")
    ResponseEntity<?> record(@RequestBody ReferralRequest request) {
        ReferralSubmitted submission = ReferralRequestMapper.toSubmission(request, ReferralChannel.TELEPHONE,
                Instant.now(clock));
        IntakeDecision decision = intake.accept(submission, null);
        if (decision instanceof IntakeDecision.Refused refused) {
            return ResponseEntity.unprocessableContent().body(ReferralProblems.refused(refused.violations()));
        }
        if (decision instanceof IntakeDecision.Conflicting conflicting) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ReferralProblems.conflicting(conflicting.violations()));
        }
        UUID referralId = ((IntakeDecision.Accepted) decision).referral().referralId();
        FollowUp followUp = followUps.find(referralId).orElse(null);
        URI statusUrl = URI.create("/api/v1/referrals/" + referralId + "/written-follow-up");
        return ResponseEntity.accepted().location(statusUrl).body(new TelephoneReferral(referralId, followUp));
    }

    @PutMapping("/api/v1/referrals/{referralId}/written-follow-up")
    @PreAuthorize("hasAnyRole('AGENCY', 'MASH_WORKER')")
    ResponseEntity<?> markReceived(@PathVariable UUID referralId, Authentication authentication,
            @AuthenticationPrincipal CallerIdentity caller) {
        if (!visible(referralId, authentication, caller)) {
            return notFound(referralId);
        }
        return answer(referralId, followUps.markReceived(referralId, "marked received by " + caller.name()));
    }

    @GetMapping("/api/v1/referrals/{referralId}/written-follow-up")
    @PreAuthorize("hasAnyRole('AGENCY', 'MASH_WORKER', 'OPERATIONS')")
    ResponseEntity<?> status(@PathVariable UUID referralId, Authentication authentication,
            @AuthenticationPrincipal CallerIdentity caller) {
        if (!visible(referralId, authentication, caller)) {
            return notFound(referralId);
        }
        audit.record("TELEPHONE_FOLLOW_UP_VIEWED", referralId, "follow-up status requested by " + caller.name());
        return answer(referralId, followUps.find(referralId));
    }

    /** MASH contact staff's list of follow-ups to chase: by default the overdue ones, soonest due first. */
    @GetMapping("/api/v1/telephone-follow-ups")
    @PreAuthorize("hasAnyRole('MASH_WORKER', 'OPERATIONS')")
    List<FollowUp> list(@RequestParam(defaultValue = "OVERDUE") FollowUpStatus status,
            @AuthenticationPrincipal CallerIdentity caller) {
        List<FollowUp> list = followUps.withStatus(status);
        audit.record("TELEPHONE_FOLLOW_UPS_LISTED", null, caller.name() + " listed " + status + " follow-ups");
        return list;
    }

    private boolean visible(UUID referralId, Authentication authentication, CallerIdentity caller) {
        boolean mashWorker = authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_MASH_WORKER")
                        || authority.getAuthority().equals("ROLE_OPERATIONS"));
        return mashWorker || store.findFor(referralId, caller).isPresent();
    }

    private static ResponseEntity<?> answer(UUID referralId, Optional<FollowUp> followUp) {
        return followUp.<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(referralId));
    }

    private static ResponseEntity<ProblemDetail> notFound(UUID referralId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No telephone referral " + referralId + " that you may see."));
    }

    record TelephoneReferral(UUID referralId, FollowUp writtenFollowUp) {
    }
}
