package uk.mash.harness.referrals;

import java.util.List;

import uk.mash.events.ConsentStatus;
import uk.mash.events.OutcomeType;

/**
 * One kind of referral in the mix: what the agency reports and the outcome today's threshold rules should give it.
 *
 * @param name what the profile stands for, in the MASH's words
 * @param weight share of the mix, relative to the other profiles' weights
 * @param indicatorCodes the levels-of-need indicators the referrer ticks
 * @param consent consent of the family to the referral
 * @param immediateRisk whether the referrer reports an immediate risk of significant harm
 * @param expectedOutcome the outcome the current rules give; reported, never enforced, since rule packs change
 */
public record ReferralProfile(String name, int weight, List<String> indicatorCodes, ConsentStatus consent,
        boolean immediateRisk, OutcomeType expectedOutcome) {

    public ReferralProfile {
        if (weight <= 0) {
            throw new IllegalArgumentException("Profile '" + name + "' needs a positive weight");
        }
        indicatorCodes = List.copyOf(indicatorCodes);
    }
}
