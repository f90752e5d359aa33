package uk.mash.intake.api;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.platform.web.StrictJsonBody;

/**
 * Reads a referral body strictly, refusing every property the referral contract does not know. Dropped, a misnamed
 * property is a statement the MASH never hears: {@code "immediateRisk": true}, another API's name for
 * {@code immediateRiskOfSignificantHarm}, would be triaged as no immediate risk. Every unknown property and every
 * value that cannot be read as its field's type is named at once, by its path, so the agency system can put them all
 * right in one go ({@link ReferralProblems}).
 */
@Component
class ReferralBodyReader extends StrictJsonBody<ReferralRequest> {

    ReferralBodyReader(JsonMapper json) {
        super(json, ReferralRequest.class);
    }
}
