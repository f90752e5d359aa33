package uk.mash.harness.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import uk.mash.events.ConsentStatus;
import uk.mash.events.OutcomeType;

class ReferralMixTest {

    @Test
    void aMixLineNamesIndicatorsConsentRiskAndTheExpectedOutcome() {
        ReferralMix mix = ReferralMix.parse("""
                # comment
                section 47;3;ABUSE_OR_NEGLECT_SUSPECTED, HOME_IMMEDIATE_SERIOUS_RISK;NOT_SOUGHT_RISK_OF_HARM;true;\
                SECTION_47_ENQUIRY
                Early Help;1;POOR_SCHOOL_ATTENDANCE;GIVEN;false;EARLY_HELP
                """);

        assertThat(mix.profiles()).hasSize(2);
        ReferralProfile s47 = mix.profiles().get(0);
        assertThat(s47.indicatorCodes()).containsExactly("ABUSE_OR_NEGLECT_SUSPECTED", "HOME_IMMEDIATE_SERIOUS_RISK");
        assertThat(s47.consent()).isEqualTo(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM);
        assertThat(s47.immediateRisk()).isTrue();
        assertThat(s47.expectedOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(mix.blockSize()).isEqualTo(4);
    }

    @Test
    void theShippedMixCoversEveryOutcomeOfTheCurrentRules() {
        assertThat(ReferralMix.standard().profiles()).extracting(ReferralProfile::expectedOutcome)
                .contains(OutcomeType.SINGLE_AGENCY, OutcomeType.EARLY_HELP, OutcomeType.RETURNED_FOR_CONSENT,
                        OutcomeType.SECTION_17_ASSESSMENT, OutcomeType.SECTION_47_ENQUIRY);
    }

    @Test
    void aLineWithoutEveryFieldIsRefusedSayingWhich() {
        assertThatThrownBy(() -> ReferralMix.parse("Early Help;1;POOR_SCHOOL_ATTENDANCE;GIVEN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Early Help;1;POOR_SCHOOL_ATTENDANCE;GIVEN");
    }
}
