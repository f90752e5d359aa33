package uk.mash.router.routing;

/**
 * Where an outcome goes: the queue, its topic, the team that works it and, for a team chosen by locality, the
 * locality.
 */
record Route(Queue queue, String topic, String team, String locality) {

    boolean sameDestinationAs(String otherTopic, String otherTeam) {
        return topic.equals(otherTopic) && team.equals(otherTeam);
    }
}
