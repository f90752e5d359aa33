package uk.mash.router.routing;

import uk.mash.events.CaseRouted;

/** The queue a referral is on now, and the case that placed it there. */
record RouteInForce(int outcomeVersion, String topic, String team, CaseRouted routed) {
}
