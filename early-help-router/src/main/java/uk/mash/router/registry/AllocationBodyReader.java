package uk.mash.router.registry;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.platform.web.StrictJsonBody;

/**
 * Reads an allocation strictly, as intake reads a referral: a social worker named twice is refused naming
 * {@code socialWorker}, where Jackson would allocate the second, and a property the allocation does not know is named
 * rather than read without it.
 */
@Component
class AllocationBodyReader extends StrictJsonBody<CaseAllocationController.Allocation> {

    AllocationBodyReader(JsonMapper json) {
        super(json, CaseAllocationController.Allocation.class);
    }
}
