package uk.mash.triage.collation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.triage.TriageSettings;

class ChildIdentifiersTest {

    private final ChildIdentifiers identifiers = new ChildIdentifiers(settingsWithSecret(Collations.MATCHING_SECRET));

    @Test
    void triageConfiguredWithoutASecretFailsToStartNamingTheSettingAndTheEnvironmentVariable() {
        new ApplicationContextRunner().withUserConfiguration(ChildIdentifiersOnly.class)
                .withPropertyValues("referrals.triage.matching.secret=")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("referrals.triage.matching.secret (environment variable "
                                + "CHILD_MATCHING_SECRET) is not set, so MASH triage will not start"));
    }

    @Test
    void sameChildWrittenDifferentlyByTwoAgenciesHasTheSameKeys() {
        ChildIdentifiers.Keys school = identifiers.of(child("O'Brien", "pe1 2ab", "943 476 5919"));
        ChildIdentifiers.Keys police = identifiers.of(child("OBRIEN", "PE12AB", "9434765919"));

        assertThat(police).isEqualTo(school);
    }

    @Test
    void keysNeverHoldTheChildsDetailsInClear() {
        ChildIdentifiers.Keys keys = identifiers.of(child("Fairweather", "PE1 2AB", "9434765919"));

        assertThat(keys.nhs()).doesNotContain("9434765919").hasSize(64);
        assertThat(keys.demographics()).doesNotContainIgnoringCase("Fairweather").doesNotContainIgnoringCase("Alex")
                .doesNotContain("PE1");
    }

    @Test
    void aChildMissingAGivenNameFamilyNameOrPostcodeHasNoDemographicKey() {
        Child withoutGivenName = child("Fairweather", "PE1 2AB", null);
        withoutGivenName.setGivenNames(" ");

        assertThat(identifiers.of(withoutGivenName).demographics()).isNull();
        assertThat(identifiers.of(child(null, "PE1 2AB", null)).demographics()).isNull();
        assertThat(identifiers.of(child("Fairweather", " ", null)).demographics()).isNull();
        assertThat(identifiers.of(child("Fairweather", "PE1 2AB", null)).nhs()).isNull();
    }

    @Test
    void twinsWithoutNhsNumbersHaveDifferentDemographicKeys() {
        Child ava = child("Fairweather", "PE1 2AB", null);
        ava.setGivenNames("Ava");
        Child isla = child("Fairweather", "PE1 2AB", null);
        isla.setGivenNames("Isla");

        assertThat(identifiers.of(isla).demographics()).isNotEqualTo(identifiers.of(ava).demographics());
    }

    @Test
    void onlyTheFirstGivenNameIsMatchedBecauseAgenciesOftenLeaveOutTheRest() {
        Child inFull = child("Fairweather", "PE1 2AB", null);
        inFull.setGivenNames("Alex James");
        Child firstOnly = child("Fairweather", "PE1 2AB", null);
        firstOnly.setGivenNames(" alex ");

        assertThat(identifiers.of(firstOnly)).isEqualTo(identifiers.of(inFull));
    }

    @Test
    void anUnbornBabyWithoutADateOfBirthHasNoDemographicKey() {
        Child unborn = child("Fairweather", "PE1 2AB", null);
        unborn.setDateOfBirth(null);
        unborn.setExpectedDueDate(LocalDate.of(2027, 2, 1));

        assertThat(identifiers.of(unborn).demographics()).isNull();
    }

    private static Child child(String familyName, String postcode, String nhsNumber) {
        Child child = new Child();
        child.setGivenNames("Alex");
        child.setFamilyName(familyName);
        child.setDateOfBirth(LocalDate.of(2016, 5, 20));
        child.setAddress(new Address(List.of("2 Example Road"), "Peterborough", postcode, null));
        child.setNhsNumber(nhsNumber);
        child.setDisabilities(List.of());
        return child;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TriageSettings.class)
    @Import(ChildIdentifiers.class)
    static class ChildIdentifiersOnly {
    }

    private static TriageSettings settingsWithSecret(String secret) {
        return new TriageSettings(Duration.ofHours(1), Duration.ofHours(8), Duration.ofHours(4), Duration.ofHours(4),
                new TriageSettings.RulePacks("classpath*:rule-packs/*.yaml", ZoneId.of("Europe/London"), Map.of()),
                new TriageSettings.Collation(Duration.ofDays(30), 3), new TriageSettings.Matching(secret),
                Duration.ofMinutes(30));
    }
}
