package uk.mash.router.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.platform.audit.AuditTrail;

/**
 * Lets a MASH worker allocate a named social worker to a child's open case, so later referrals about the child go
 * straight to that worker. Answers with the case's registry entry, without the child's details.
 */
@RestController
class CaseAllocationController {

    private final CaseAllocation allocation;
    private final AuditTrail audit;

    CaseAllocationController(CaseAllocation allocation, AuditTrail audit) {
        this.allocation = allocation;
        this.audit = audit;
    }

    @PutMapping("/api/v1/cases/{caseId}/allocated-social-worker")
    @PreAuthorize("hasRole('MASH_WORKER')")
    ResponseEntity<?> allocate(@PathVariable UUID caseId, @RequestBody(required = false) Allocation request) {
        if (request == null || request.socialWorker() == null || request.socialWorker().isBlank()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Name the social worker to allocate.");
            problem.setTitle("Allocation refused");
            problem.setProperty("errors", List.of(Map.of("code", "REQUIRED", "field", "socialWorker",
                    "message", "The social worker's name is required.")));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.ok(AllocatedCase.of(allocation.allocate(caseId, request.socialWorker().strip())));
    }

    @ExceptionHandler(CaseNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(CaseNotFoundException e) {
        refused(e);
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(CaseClosedException.class)
    ResponseEntity<ProblemDetail> closed(CaseClosedException e) {
        refused(e);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** Written after the allocation's transaction rolled back, so that the refused attempt stays in the trail. */
    private void refused(RuntimeException e) {
        audit.record("CASE_ALLOCATION_REFUSED", null, e.getMessage());
    }

    /** @param socialWorker the name of the social worker to allocate */
    record Allocation(String socialWorker) {
    }

    record AllocatedCase(UUID caseId, String status, String localAuthority, String allocatedTeam,
            String allocatedSocialWorker, UUID openedByReferralId) {

        static AllocatedCase of(CaseRegistryChanged entry) {
            return new AllocatedCase(entry.getCaseId(), entry.getStatus().name(), entry.getLocalAuthority(),
                    entry.getAllocatedTeam(), entry.getAllocatedSocialWorker(), entry.getOpenedByReferralId());
        }
    }
}
