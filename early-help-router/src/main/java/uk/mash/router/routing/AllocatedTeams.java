package uk.mash.router.routing;

import java.util.Optional;
import java.util.UUID;

import uk.mash.router.registry.OpenCase;

/** The case a child already has open to Children's Social Care, if any, and its team. */
@FunctionalInterface
interface AllocatedTeams {

    /**
     * @param caseId the open case triage found the child's allocated social worker on, or null: the child may have
     *         been referred under another key (an NHS number once, name, date of birth and postcode another time)
     * @param childKey the key the child was referred under this time
     */
    Optional<OpenCase> openCaseOf(String localAuthority, UUID caseId, String childKey);
}
