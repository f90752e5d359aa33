package uk.mash.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import uk.mash.events.Child;

/** What a call may get wrong or leave out about the child, and what tells another child from it. */
class SameChildTest {

    private static final Child WRITTEN = childOf(Submissions.aValidReferral());

    @Test
    void writtenReferralGivingTheNhsNumberTheCallLeftOutIsAboutTheSameChild() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null));

        assertThat(SameChild.asTheCall(call, WRITTEN)).isTrue();
    }

    @Test
    void familyNameAndAddressAsMisheardOnTheCallStillMeanTheSameChild() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildFamilyName("Fairwether")
                .withPostcode("PE1 2BA"));

        assertThat(SameChild.asTheCall(call, WRITTEN)).isTrue();
    }

    @Test
    void givenNameWrittenWithoutItsAccentOrCapitalsIsTheSameChild() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("siân"));
        Child written = childOf(Submissions.aValidReferral().withChildGivenNames("Sian Mair"));

        assertThat(SameChild.asTheCall(call, written)).isTrue();
    }

    @Test
    void sameNhsNumberIsTheSameChildWhateverDateOfBirthTheCallHeard() {
        Child call = childOf(Submissions.aValidReferral().withDateOfBirth(LocalDate.of(2017, 3, 4)));

        assertThat(SameChild.asTheCall(call, WRITTEN)).isTrue();
    }

    @Test
    void twinWithAnotherNhsNumberIsAnotherChild() {
        Child twin = childOf(Submissions.aValidReferral().withNhsNumber("9876543210"));

        assertThat(SameChild.asTheCall(WRITTEN, twin)).isFalse();
    }

    @Test
    void twinWithoutAnNhsNumberIsToldApartByTheGivenName() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null));
        Child twin = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Jamie"));

        assertThat(SameChild.asTheCall(call, twin)).isFalse();
    }

    @Test
    void siblingBornOnAnotherDayIsAnotherChild() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null));
        Child sibling = childOf(Submissions.aValidReferral().withDateOfBirth(LocalDate.of(2019, 1, 20))
                .withNhsNumber(null));

        assertThat(SameChild.asTheCall(call, sibling)).isFalse();
    }

    @Test
    void unbornChildIsKnownByTheExpectedDueDate() {
        Child call = childOf(unborn(LocalDate.of(2027, 2, 1)));

        assertThat(SameChild.asTheCall(call, childOf(unborn(LocalDate.of(2027, 2, 1))))).isTrue();
        assertThat(SameChild.asTheCall(call, childOf(unborn(LocalDate.of(2027, 5, 1))))).isFalse();
    }

    @Test
    void givenNameHeardOneWayAndWrittenAnotherIsTheSameChild() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Mohammed"));
        Child written = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Muhammad"));

        assertThat(SameChild.asTheCall(call, written)).isTrue();
    }

    @Test
    void twinsWhoseShortNamesDifferByALetterAreTwoChildren() {
        Child sion = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Siôn"));
        Child sian = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Siân"));
        Child jack = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Jack"));
        Child jake = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Jake"));

        assertThat(SameChild.asTheCall(sion, sian)).isFalse();
        assertThat(SameChild.asTheCall(jack, jake)).isFalse();
    }

    @Test
    void callThatRecordedNoGivenNameComparesTheDateOfBirthAlone() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames(null));

        assertThat(SameChild.asTheCall(call, WRITTEN)).isTrue();
    }

    @Test
    void babyBornSinceTheCallIsTheUnbornChildItWasAbout() {
        Child call = childOf(unborn(LocalDate.of(2027, 2, 1)));
        Child born = childOf(Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Olivia")
                .withDateOfBirth(LocalDate.of(2027, 1, 25)));
        Child bornLongBefore = childOf(Submissions.aValidReferral().withNhsNumber(null)
                .withDateOfBirth(LocalDate.of(2025, 1, 25)));

        assertThat(SameChild.asTheCall(call, born)).isTrue();
        assertThat(SameChild.asTheCall(call, bornLongBefore)).isFalse();
    }

    @Test
    void childBornAtTheCallIsNotAnUnbornChildInWriting() {
        Child call = childOf(Submissions.aValidReferral().withNhsNumber(null));

        assertThat(SameChild.asTheCall(call, childOf(unborn(LocalDate.of(2027, 2, 1))))).isFalse();
    }

    private static Submissions unborn(LocalDate dueDate) {
        return Submissions.aValidReferral().withNhsNumber(null).withChildGivenNames("Baby").withDateOfBirth(null)
                .withExpectedDueDate(dueDate);
    }

    private static Child childOf(Submissions referral) {
        return referral.build().getChild();
    }
}
