package uk.mash.harness.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralSubmitted;

class ReferralGeneratorTest {

    private final ReferralGenerator generator = new ReferralGenerator(ReferralMix.standard(), "LOAD");

    @Test
    void everyReferralIsBetweenOneAndTwoKibibytesOfAvro() throws Exception {
        for (long n = 0; n < 500; n++) {
            ByteBuffer encoded = generator.referral(n).toByteBuffer();
            assertThat(encoded.remaining()).as("referral %d", n).isBetween(1024, 2048);
        }
    }

    @Test
    void everyChildHasADifferentValidNhsNumber() {
        Set<String> numbers = new HashSet<>();
        for (long n = 0; n < 20_000; n++) {
            String number = generator.referral(n).getChild().getNhsNumber();
            assertThat(number).matches("\\d{10}");
            assertThat(NhsNumbers.checkDigit(number.substring(0, 9))).isEqualTo(number.charAt(9) - '0');
            numbers.add(number);
        }
        assertThat(numbers).hasSize(20_000);
    }

    @Test
    void eachHundredReferralsHoldTheProfilesInProportionToTheirWeights() {
        Map<String, Long> counts = new TreeMap<>();
        LongStream.range(0, 100).forEach(n -> counts.merge(generator.profileOf(n).name(), 1L, Long::sum));

        assertThat(counts).containsEntry("Early Help, level 2 with consent", 35L)
                .containsEntry("single agency, level 1", 25L)
                .containsEntry("section 47, immediate risk", 12L);
    }

    @Test
    void aReferralCarriesItsProfilesIndicatorsConsentAndRisk() {
        for (long n = 0; n < 100; n++) {
            ReferralSubmitted referral = generator.referral(n);
            ReferralProfile profile = generator.profileOf(n);
            assertThat(referral.getIndicatorCodes()).isEqualTo(profile.indicatorCodes());
            assertThat(referral.getConsent()).isEqualTo(profile.consent());
            assertThat(referral.getImmediateRiskOfSignificantHarm()).isEqualTo(profile.immediateRisk());
            assertThat(referral.getAgencyReference()).isEqualTo("LOAD-" + n);
        }
    }

    @Test
    void theSameNumberGivesTheSameReferralOnEveryRun() {
        ReferralSubmitted first = generator.referral(7);
        ReferralSubmitted again = new ReferralGenerator(ReferralMix.standard(), "LOAD").referral(7);

        assertThat(again.getNatureOfConcern()).isEqualTo(first.getNatureOfConcern());
        assertThat(again.getChild().getNhsNumber()).isEqualTo(first.getChild().getNhsNumber());
    }
}
