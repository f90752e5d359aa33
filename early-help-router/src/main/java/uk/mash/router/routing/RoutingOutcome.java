package uk.mash.router.routing;

/** What routing one outcome version did, as kept in the routing record. */
enum RoutingOutcome {
    /** Placed on a queue; the referral was on none. */
    ROUTED,
    /** Withdrawn from the queue an earlier outcome put it on, and placed on another. */
    REROUTED,
    /**
     * A later outcome that leaves the case where it is (same queue, same team) at the same or a lower priority;
     * nothing sent.
     */
    UNCHANGED,
    /**
     * A later outcome that leaves the case where it is but raises its priority: the case sent again to the same team
     * at the new priority, with a deadline no later than the one it had.
     */
    ESCALATED,
    /** Withdrawn from its queue by a decision that stands but belongs on no queue (returned for consent). */
    WITHDRAWN,
    /** Not routed: the outcome does not stand yet, or goes back to the referrer with nothing to withdraw. */
    NOT_ROUTED,
    /** An outcome version older than one already routed: nothing sent. */
    STALE,
    /** The outcome stands but the routing table cannot place it: sent to the dead-letter topic. */
    DEAD_LETTERED
}
