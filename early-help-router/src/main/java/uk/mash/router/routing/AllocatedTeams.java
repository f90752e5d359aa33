package uk.mash.router.routing;

import java.util.Optional;

/** The team of the case a child already has open to Children's Social Care, if any. */
@FunctionalInterface
interface AllocatedTeams {

    Optional<String> teamOf(String localAuthority, String childKey);
}
