package uk.mash.router.routing;

/** What the routing table says about one outcome. */
sealed interface RoutingDecision {

    /** The outcome goes on a queue. */
    record Routed(Route route) implements RoutingDecision {
    }

    /**
     * The outcome does not stand yet (a provisional decision waiting for a MASH worker, or one already superseded):
     * it routes nothing and takes nothing off a queue.
     */
    record AwaitingDecision(String why) implements RoutingDecision {
    }

    /** The outcome stands but belongs on no team's queue: the referral goes back to the referrer. */
    record BackToReferrer(String why) implements RoutingDecision {
    }

    /** The outcome stands but the table cannot place it. */
    record Unroutable(UnroutableReason reason, String detail) implements RoutingDecision {
    }
}
