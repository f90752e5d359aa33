package uk.mash.router.routing;

/** Where an outcome goes: the queue topic and the team that works it. */
record Route(String queue, String team) {
}
