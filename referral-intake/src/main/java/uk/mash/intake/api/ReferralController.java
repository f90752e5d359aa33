package uk.mash.intake.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.store.ReferralStore;
import uk.mash.intake.store.StoredReferral;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.security.CallerIdentity;

/**
 * The REST way in for agency systems. A referral is answered 202 only once it is durable; the same referral sent
 * again under its agency reference or Idempotency-Key answers with the same referral id, and a different one under
 * either is refused (409) rather than taken for a retry. The written follow-up of a telephone referral is that
 * referral, so it answers with its id. Each agency sees only its own referrals.
 */
@RestController
@RequestMapping("/api/v1/referrals")
@PreAuthorize("hasRole('AGENCY')")
class ReferralController {

    private final ReferralIntake intake;
    private final ReferralStore store;
    private final AuditTrail audit;
    private final Clock clock;

    ReferralController(ReferralIntake intake, ReferralStore store, AuditTrail audit, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> submit(@RequestBody ReferralRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal CallerIdentity caller) {
        ReferralSubmitted submission = ReferralRequestMapper.toSubmission(request, ReferralChannel.WEB,
                Instant.now(clock));
        if (submission.getReferrer() != null && submission.getReferrer().getAgencyCode() == null) {
            submission.getReferrer().setAgencyCode(caller.agencyCode());
        }
        if (submission.getReferrer() != null && !caller.actsFor(submission.getReferrer().getAgencyCode())) {
            audit.record("REFERRAL_REFUSED", null, "refused via WEB: a key of agency " + caller.agencyCode()
                    + " submitted for agency " + submission.getReferrer().getAgencyCode() + ": AGENCY_MISMATCH");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "Your API key submits for agency " + caller.agencyCode() + " only.");
            problem.setProperty("errors", List.of(new FieldError("AGENCY_MISMATCH", "referrer.agencyCode",
                    "The referrer's agency must be the agency the API key belongs to.")));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        IntakeDecision decision = intake.accept(submission, idempotencyKey);
        if (decision instanceof IntakeDecision.Refused refused) {
            return ResponseEntity.unprocessableContent().body(ReferralProblems.refused(refused.violations()));
        }
        if (decision instanceof IntakeDecision.Conflicting conflicting) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ReferralProblems.conflicting(conflicting.violations()));
        }
        StoredReferral referral = ((IntakeDecision.Accepted) decision).referral();
        URI statusUrl = URI.create("/api/v1/referrals/" + referral.referralId());
        return ResponseEntity.accepted().location(statusUrl).body(ReferralStatus.of(referral, statusUrl));
    }

    @GetMapping("/{referralId}")
    ResponseEntity<?> status(@PathVariable UUID referralId, @AuthenticationPrincipal CallerIdentity caller) {
        return store.findFor(referralId, caller)
                .<ResponseEntity<?>>map(referral -> {
                    audit.record("REFERRAL_STATUS_VIEWED", referralId, "status requested by the referring agency");
                    return ResponseEntity.ok(ReferralStatus.of(referral, URI.create("/api/v1/referrals/" + referralId)));
                })
                .orElseGet(() -> {
                    audit.record("REFERRAL_STATUS_REFUSED", referralId,
                            "no referral of agency " + caller.agencyCode() + " with this id");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND, "No referral " + referralId + " from your agency."));
                });
    }

    record FieldError(String code, String field, String message) {
    }

    record ReferralStatus(UUID referralId, String agencyReference, String status, Instant receivedAt, URI statusUrl) {
        static ReferralStatus of(StoredReferral referral, URI statusUrl) {
            return new ReferralStatus(referral.referralId(), referral.agencyReference(), referral.status(),
                    referral.receivedAt(), statusUrl);
        }
    }
}
