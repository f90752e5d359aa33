package uk.mash.triage.collation;

/**
 * The social worker (and team) a child's open case is allocated to, from triage's copy of the case registry.
 */
public record AllocatedWorker(String socialWorker, String team) {
}
