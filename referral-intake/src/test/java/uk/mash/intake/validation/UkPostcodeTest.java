package uk.mash.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UkPostcodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "PE1 2AB", "PE15 8TN", "CB2 1TN", "SW1A 1AA", "EC1A1BB", "GIR 0AA", "M1 1AE" })
    void postcodeInEveryOutwardCodeShapeIsAccepted(String postcode) {
        assertThat(UkPostcode.isValid(postcode)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "pe1 2ab", "sw1a 1aa", "Cb2 1tN", "gir0aa" })
    void postcodeIsAcceptedWhateverItsCase(String postcode) {
        assertThat(UkPostcode.isValid(postcode)).isTrue();
    }

    @ParameterizedTest
    // referrers paste postcodes from other systems, which often carry stray surrounding whitespace
    @ValueSource(strings = { " PE1 2AB", "PE15 8TN  " })
    void surroundingWhitespaceIsIgnored(String postcode) {
        assertThat(UkPostcode.isValid(postcode)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "PE1", "12345", "PE1 2A", "", "PE1  2AB", "PE1 2ABC", "1PE 2AB" })
    void textThatIsNotAPostcodeIsRefused(String postcode) {
        assertThat(UkPostcode.isValid(postcode)).isFalse();
    }
}
