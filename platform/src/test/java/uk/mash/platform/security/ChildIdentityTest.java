package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    private static Child named(String givenNames, String familyName) {
        Child child = new Child();
        child.setGivenNames(givenNames);
        child.setFamilyName(familyName);
        return child;
    }
}
