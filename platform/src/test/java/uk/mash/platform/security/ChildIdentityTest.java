package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.mash.events.Address;
import uk.mash.events.Child;

class ChildIdentityTest {

    @Test
    void welshTwinsWhoseNamesDifferOnlyByAnAccentedLetterAreTwoChildren() {
        assertThat(ChildIdentity.firstGivenName(named("Siôn", "Jones")))
                .isNotEqualTo(ChildIdentity.firstGivenName(named("Siân", "Jones")));
    }

    @Test
    void aNameIsTheSameChildWithOrWithoutItsAccents() {
        assertThat(ChildIdentity.firstGivenName(named("Siân", "Jones"))).isEqualTo("SIAN")
                .isEqualTo(ChildIdentity.firstGivenName(named("Sian", "Jones")));
        assertThat(ChildIdentity.familyName(named("Seán", "Ó Briain"))).isEqualTo("OBRIAIN");
    }

    @Test
    void punctuationAndCaseAreIgnoredAsBefore() {
        assertThat(ChildIdentity.familyName(named("Alex", "O'Brien"))).isEqualTo("OBRIEN")
                .isEqualTo(ChildIdentity.familyName(named("Alex", "obrien")));
    }

    @Test
    void aPostcodeAbroadIsKeyedWithItsCountryAndOneInTheUkAsBefore() {
        assertThat(ChildIdentity.postcode(livingAt("IE", "D02 X285"))).isEqualTo("IE:D02X285");
        assertThat(ChildIdentity.postcode(livingAt("PL", null))).isEqualTo("PL:");
        assertThat(ChildIdentity.postcode(livingAt(null, "PE2 5AB"))).isEqualTo("PE25AB")
                .isEqualTo(ChildIdentity.postcode(livingAt("GB", "PE2 5AB")))
                .isEqualTo(ChildIdentity.postcode(livingAt("UK", "pe2 5ab")));
    }

    private static Child livingAt(String country, String postcode) {
        Child child = named("Alex", "Example");
        child.setAddress(new Address(List.of("1 Example Street"), null, postcode, country));
        return child;
    }

    private static Child named(String givenNames, String familyName) {
        Child child = new Child();
        child.setGivenNames(givenNames);
        child.setFamilyName(familyName);
        return child;
    }
}
