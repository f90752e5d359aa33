package uk.mash.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    // 9434765870 is here because its weighted sum is a multiple of 11, so the check digit comes from 11 becoming 0
    @ValueSource(strings = { "9434765919", "9434765870", "4010232137" })
    void numberWithCorrectCheckDigitIsAccepted(String nhsNumber) {
        assertThat(NhsNumber.isValid(nhsNumber)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "943 476 5919", "401 023 2137", " 9434765870 " })
    void numberWrittenWithSpacesIsAccepted(String nhsNumber) {
        assertThat(NhsNumber.isValid(nhsNumber)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "9434765918", "9434765871", "4010232138", "943 476 5910" })
    void numberWithWrongCheckDigitIsRefused(String nhsNumber) {
        assertThat(NhsNumber.isValid(nhsNumber)).isFalse();
    }

    @ParameterizedTest
    // the first nine digits 123456789 give a check digit of 10, which is never issued, so no tenth digit can pass
    @ValueSource(strings = { "1234567890", "1234567891", "1234567895", "1234567899" })
    void numberWhoseCheckDigitWouldBeTenIsRefused(String nhsNumber) {
        assertThat(NhsNumber.isValid(nhsNumber)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "943476591", "94347659190", "943476591X", "NHS9434765919" })
    void anythingOtherThanTenDigitsIsRefused(String nhsNumber) {
        assertThat(NhsNumber.isValid(nhsNumber)).isFalse();
    }

    @Test
    void digitsOutsideAsciiAreNotTakenForDigits() {
        // Arabic-Indic digits for 9434765919 would otherwise slip past a Unicode-aware digit match
        assertThat(NhsNumber.isValid("٩٤٣٤٧٦٥٩١٩")).isFalse();
    }
}
