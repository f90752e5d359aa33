package uk.mash.intake.store;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.Submissions.aValidReferral;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import uk.mash.events.Child;
import uk.mash.intake.IntakeSettings;

class ChildKeysTest {

    private static final String SECRET = "child-key-secret-for-these-tests-only";

    private final ChildKeys childKeys = new ChildKeys(settingsWithSecret(SECRET));

    @Test
    void sameNhsNumberGivesTheSameKeyHoweverItIsSpaced() {
        Child unspaced = aValidReferral().withNhsNumber("9434765919").build().getChild();
        Child spaced = aValidReferral().withNhsNumber("943 476 5919").build().getChild();

        assertThat(childKeys.keyOf(spaced)).isEqualTo(childKeys.keyOf(unspaced));
    }

    @Test
    void nhsNumberAloneIdentifiesTheChildWhenGiven() {
        // two agencies often spell or date the same child differently; the NHS number is what they agree on
        Child atSchool = aValidReferral().withChildFamilyName("Fairweather").build().getChild();
        Child atHospital = aValidReferral().withChildFamilyName("Fairwether").withPostcode("PE15 8TN").build()
                .getChild();

        assertThat(childKeys.keyOf(atHospital)).isEqualTo(childKeys.keyOf(atSchool));
    }

    @Test
    void sameNameDateOfBirthAndPostcodeGiveTheSameKeyWhateverTheCaseAndSpacing() {
        Child asTyped = aValidReferral().withNhsNumber(null)
                .withChildFamilyName("Fairweather").withPostcode("PE1 2AB").build().getChild();
        Child asTypedElsewhere = aValidReferral().withNhsNumber(null)
                .withChildFamilyName(" fair weather ").withPostcode("pe12ab").build().getChild();

        assertThat(childKeys.keyOf(asTypedElsewhere)).isEqualTo(childKeys.keyOf(asTyped));
    }

    @Test
    void differentChildrenGetDifferentKeys() {
        Child alex = aValidReferral().withNhsNumber("9434765919").build().getChild();
        Child sibling = aValidReferral().withNhsNumber("4010232137").build().getChild();
        Child neighbour = aValidReferral().withNhsNumber(null).withChildFamilyName("Ashworth").build().getChild();
        Child olderChildAtSameAddress = aValidReferral().withNhsNumber(null)
                .withDateOfBirth(LocalDate.of(2013, 8, 2)).build().getChild();

        assertThat(List.of(alex, sibling, neighbour, olderChildAtSameAddress))
                .extracting(childKeys::keyOf)
                .doesNotHaveDuplicates();
    }

    @Test
    void twinsWithoutNhsNumbersGetDifferentKeysSoNeitherTakesTheOthersCase() {
        Child ava = aValidReferral().withNhsNumber(null).withChildGivenNames("Ava").build().getChild();
        Child isla = aValidReferral().withNhsNumber(null).withChildGivenNames("Isla").build().getChild();

        assertThat(childKeys.keyOf(isla)).isNotEqualTo(childKeys.keyOf(ava));
    }

    @Test
    void onlyTheFirstGivenNameCountsBecauseAgenciesOftenLeaveOutTheRest() {
        Child inFull = aValidReferral().withNhsNumber(null).withChildGivenNames("Alex James").build().getChild();
        Child firstOnly = aValidReferral().withNhsNumber(null).withChildGivenNames(" ALEX").build().getChild();

        assertThat(childKeys.keyOf(firstOnly)).isEqualTo(childKeys.keyOf(inFull));
    }

    @Test
    void unbornBabyIsKeyedByTheDueDate() {
        Child dueInJanuary = aValidReferral().withNhsNumber(null).withDateOfBirth(null)
                .withExpectedDueDate(LocalDate.of(2027, 1, 20)).build().getChild();
        Child dueInMarch = aValidReferral().withNhsNumber(null).withDateOfBirth(null)
                .withExpectedDueDate(LocalDate.of(2027, 3, 2)).build().getChild();

        assertThat(childKeys.keyOf(dueInJanuary)).isNotEqualTo(childKeys.keyOf(dueInMarch));
    }

    @Test
    void keyRevealsNeitherTheNameNorTheNhsNumber() {
        Child child = aValidReferral().withNhsNumber("9434765919").build().getChild();
        Child childWithoutNhsNumber = aValidReferral().withNhsNumber(null).build().getChild();

        assertThat(childKeys.keyOf(child))
                .doesNotContainIgnoringCase("Fairweather")
                .doesNotContain("9434765919", "943 476 5919");
        assertThat(childKeys.keyOf(childWithoutNhsNumber))
                .doesNotContainIgnoringCase("Fairweather")
                .doesNotContainIgnoringCase("Alex")
                .doesNotContainIgnoringCase("PE1");
    }

    @Test
    void keyIsAFixedLengthHexDigest() {
        assertThat(childKeys.keyOf(aValidReferral().build().getChild())).matches("[0-9a-f]{32}");
    }

    @Test
    void differentSecretGivesADifferentKeyForTheSameChild() {
        ChildKeys elsewhere = new ChildKeys(settingsWithSecret("another-child-key-secret-for-these-tests"));
        Child child = aValidReferral().build().getChild();

        assertThat(elsewhere.keyOf(child)).isNotEqualTo(childKeys.keyOf(child));
    }

    @Test
    void intakeConfiguredWithoutASecretFailsToStartNamingTheSettingAndTheEnvironmentVariable() {
        new ApplicationContextRunner().withUserConfiguration(ChildKeysOnly.class)
                .withPropertyValues("referrals.intake.child-key-secret=")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("referrals.intake.child-key-secret (environment variable "
                                + "CHILD_KEY_SECRET) is not set, so referral intake will not start"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeSettings.class)
    @Import(ChildKeys.class)
    static class ChildKeysOnly {
    }

    private static IntakeSettings settingsWithSecret(String secret) {
        return new IntakeSettings(
                Map.of("peterborough", new IntakeSettings.LocalAuthority("Peterborough City Council", 18)),
                secret, new IntakeSettings.Outbox(Duration.ofMillis(200), 500),
                new IntakeSettings.TelephoneFollowUp(Duration.ofHours(24), Duration.ofMinutes(1)));
    }
}
