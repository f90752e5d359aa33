package uk.mash.triage.collation;

import java.util.UUID;

/**
 * The social worker (and team) a child's open case is allocated to, from triage's copy of the case registry, with the
 * case itself: the outcome names the case so that the router finds it whatever key the child was referred under.
 */
public record AllocatedWorker(UUID caseId, String socialWorker, String team) {
}
