package uk.mash.router.routing;

import java.util.List;

/** The routing tables in {@code referrals.router.authorities} cannot route safely; the router refuses to start. */
class InvalidRoutingTableException extends IllegalStateException {

    InvalidRoutingTableException(List<String> problems) {
        super("The routing table is broken; the router will not start until these are put right:\n  - "
                + String.join("\n  - ", problems));
    }
}
