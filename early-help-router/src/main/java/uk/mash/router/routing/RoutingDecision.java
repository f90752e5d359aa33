package uk.mash.router.routing;

import java.util.UUID;

/** What the routing table says about one outcome. */
sealed interface RoutingDecision {

    /**
     * The outcome goes on a queue.
     *
     * @param reliedOnCase the child's open case whose team it goes to (the allocated social worker's), or null
     */
    record Routed(Route route, UUID reliedOnCase) implements RoutingDecision {
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
