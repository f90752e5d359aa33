package uk.mash.router.registry;

import java.util.UUID;

/** A closed case cannot have a social worker allocated. */
class CaseClosedException extends RuntimeException {

    CaseClosedException(UUID caseId) {
        super("Case " + caseId + " is closed; a social worker can be allocated only to an open case.");
    }
}
