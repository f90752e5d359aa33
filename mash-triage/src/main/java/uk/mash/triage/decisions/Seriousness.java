package uk.mash.triage.decisions;

import java.util.Comparator;

import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;

/**
 * How serious an outcome is, so that what the rules make of a written follow-up is issued only when it goes beyond
 * what stands. By outcome first: a section 47 enquiry above a section 17 assessment above Early Help above a single
 * agency response or a return for consent (seed 002's levels, and neither of the last two takes the child further
 * than the referrer); then by priority. A referral to the child's allocated social worker ranks with a section 47
 * enquiry: the rules send a child with a named social worker to that worker whatever the concerns, overriding every
 * other rule, so the outcome says who has the child rather than how serious the concern is, and its priority
 * (immediate with immediate risk) says that. Ranked lower, a written follow-up adding immediate risk about such a
 * child would never reach their social worker; ranked with a section 47 enquiry, it does when it raises the priority,
 * and a section 47 recommendation does not take an allocated worker's child away at the same priority.
 */
record Seriousness(int rank, Priority priority) implements Comparable<Seriousness> {

    private static final int CHILD_PROTECTION = 3;

    private static final Comparator<Seriousness> ORDER = Comparator.comparingInt(Seriousness::rank)
            .thenComparing(Seriousness::priority);

    static Seriousness of(OutcomeType outcome, Priority priority) {
        int rank = switch (outcome) {
            case SINGLE_AGENCY, RETURNED_FOR_CONSENT -> 0;
            case EARLY_HELP -> 1;
            case SECTION_17_ASSESSMENT -> 2;
            case SECTION_47_ENQUIRY, ALLOCATED_SOCIAL_WORKER -> CHILD_PROTECTION;
        };
        return new Seriousness(rank, priority);
    }

    /** A section 47 enquiry or the child's allocated social worker. */
    boolean isChildProtection() {
        return rank == CHILD_PROTECTION;
    }

    boolean isAbove(Seriousness other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Seriousness other) {
        return ORDER.compare(this, other);
    }
}
