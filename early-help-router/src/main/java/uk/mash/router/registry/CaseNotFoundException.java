package uk.mash.router.registry;

import java.util.UUID;

/** No case in the registry has this id. */
class CaseNotFoundException extends RuntimeException {

    CaseNotFoundException(UUID caseId) {
        super("No case " + caseId + " in the case registry.");
    }
}
