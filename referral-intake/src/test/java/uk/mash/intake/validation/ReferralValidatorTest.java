package uk.mash.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static uk.mash.intake.Submissions.aPerson;
import static uk.mash.intake.Submissions.aPersonLivingAt;
import static uk.mash.intake.Submissions.anAddress;
import static uk.mash.intake.Submissions.anAddressIn;
import static uk.mash.intake.Submissions.aValidReferral;
import static uk.mash.intake.Submissions.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.ReferrerKind;
import uk.mash.intake.IntakeSettings;
import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.intake.Submissions;

class ReferralValidatorTest {

    private static final IntakeSettings SETTINGS = new IntakeSettings(
            Map.of("peterborough", new IntakeSettings.LocalAuthority("Peterborough City Council", 18),
                    "cambridgeshire", new IntakeSettings.LocalAuthority("Cambridgeshire County Council", 25)),
            "secret", new IntakeSettings.Outbox(Duration.ofMillis(200), 500),
                new IntakeSettings.TelephoneFollowUp(Duration.ofHours(24), Duration.ofMinutes(1)));

    // November, so London and UTC agree on the date; the one test about the difference uses its own clock
    private static final IndicatorCatalogue INDICATORS = IndicatorCatalogue.standard();
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private final ReferralValidator validator = new ReferralValidator(SETTINGS, INDICATORS,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validReferralHasNoViolations() {
        assertThat(validator.validate(aValidReferral().build())).isEmpty();
    }

    @Test
    void aChildKnownByOneNameAloneIsAccepted() {
        assertThat(validator.validate(aValidReferral().withChildFamilyName(null).build())).isEmpty();
        assertThat(validator.validate(aValidReferral().withChildGivenNames(null).build())).isEmpty();
    }

    static Stream<Arguments> missingRequiredFields() {
        return Stream.of(
                argumentSet("agency reference missing", aValidReferral().withAgencyReference(null), "agencyReference"),
                argumentSet("agency reference blank", aValidReferral().withAgencyReference("  "), "agencyReference"),
                argumentSet("nature of concern missing", aValidReferral().withNatureOfConcern(null),
                        "natureOfConcern"),
                argumentSet("nature of concern blank", aValidReferral().withNatureOfConcern(""), "natureOfConcern"),
                argumentSet("consent missing", aValidReferral().withConsent(null), "consent"),
                argumentSet("local authority missing", aValidReferral().withLocalAuthority(null), "localAuthority"),
                argumentSet("local authority blank", aValidReferral().withLocalAuthority(" "), "localAuthority"),
                argumentSet("referrer missing", aValidReferral().withoutReferrer(), "referrer"),
                argumentSet("referrer's agency code missing", aValidReferral().withReferrerAgencyCode(null),
                        "referrer.agencyCode"),
                argumentSet("referrer's kind missing", aValidReferral().withReferrerKind(null), "referrer.kind"),
                argumentSet("child missing", aValidReferral().withoutChild(), "child"),
                argumentSet("child's names both missing",
                        aValidReferral().withChildFamilyName(null).withChildGivenNames(null), "child.familyName"),
                argumentSet("neither date of birth nor due date",
                        aValidReferral().withDateOfBirth(null).withExpectedDueDate(null), "child.dateOfBirth"));
    }

    @ParameterizedTest
    @MethodSource("missingRequiredFields")
    void missingRequiredFieldIsReportedAsRequiredAtItsPath(Submissions submission, String field) {
        assertThat(validator.validate(submission.build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", field));
    }

    @Test
    void everyFaultInASubmissionIsReportedAtOnce() {
        ReferralSubmitted submission = aValidReferral()
                .withAgencyReference(null)
                .withConsent(null)
                .withReferrerAgencyCode("")
                .withNhsNumber("9434765918")
                .withPostcode("PE1 2A")
                .withDateOfBirth(TODAY.plusDays(3))
                .withHouseholdMembers(List.of(aPerson(null, "lodger")))
                .build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple("REQUIRED", "agencyReference"),
                        tuple("REQUIRED", "consent"),
                        tuple("REQUIRED", "referrer.agencyCode"),
                        tuple("NHS_NUMBER_CHECK_DIGIT", "child.nhsNumber"),
                        tuple("POSTCODE_FORMAT", "child.address.postcode"),
                        tuple("DATE_OF_BIRTH_IN_FUTURE", "child.dateOfBirth"),
                        tuple("REQUIRED", "householdMembers[0].name"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "GB", "UK" })
    void childsPostcodeIsStillRequiredInTheUk(String country) {
        assertThat(validator.validate(aValidReferral().withCountry(country).withPostcode(null).build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", "child.address.postcode"));
        assertThat(validator.validate(aValidReferral().withCountry(country).withPostcode(" ").build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", "child.address.postcode"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "GB", "UK" })
    void addressInGbOrTheUkIsCheckedAsAnAddressInTheUk(String country) {
        assertThat(validator.validate(aValidReferral().withCountry(country).build())).isEmpty();
        assertThat(validator.validate(aValidReferral().withCountry(country).withPostcode("D02 X285").build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("POSTCODE_FORMAT", "child.address.postcode"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "D02 X285", "12345" })
    void childLivingAbroadIsAcceptedWithTheirCountrysPostcodeOrNone(String postcode) {
        assertThat(validator.validate(aValidReferral().withCountry("IE").withPostcode(postcode).build())).isEmpty();
    }

    static Stream<Arguments> addressesAbroad() {
        return Stream.of(
                argumentSet("Ireland, with an Eircode", "IE", "D02 X285"),
                argumentSet("Poland", "PL", "00-950"),
                argumentSet("the United States, with a ZIP+4 code", "US", "90210-1234"),
                argumentSet("somewhere whose postcode the referrer does not know", "RO", null));
    }

    @ParameterizedTest
    @MethodSource("addressesAbroad")
    void parentLivingAbroadIsAcceptedWithTheirCountryAndPostcode(String country, String postcode) {
        ReferralSubmitted submission = aValidReferral().withParentsOrCarers(List.of(
                aPersonLivingAt("Lee Fairweather", "father", anAddressIn(country, postcode)))).build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void parentWhosePostcodeIsUnknownIsAccepted(String postcode) {
        ReferralSubmitted submission = aValidReferral()
                .withParentsOrCarers(List.of(aPersonLivingAt("Sam Fairweather", "mother",
                        anAddress(postcode, List.of("3 Fictional Way")))))
                .withHouseholdMembers(List.of(aPersonLivingAt("Chris Lodger", "lodger",
                        anAddress(postcode, List.of("Flat 2, 3 Fictional Way")))))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ireland", "IRL", "ie", "Ie", "XX", "I", "", " ", "IE " })
    void countryMustBeAnIsoCode(String country) {
        ReferralSubmitted parentAbroad = aValidReferral().withParentsOrCarers(List.of(
                aPersonLivingAt("Lee Fairweather", "father", anAddressIn(country, "D02 X285")))).build();

        assertThat(validator.validate(parentAbroad))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("COUNTRY_CODE", "parentsOrCarers[0].address.country"));
        assertThat(validator.validate(aValidReferral().withCountry(country).build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("COUNTRY_CODE", "child.address.country"));
    }

    @Test
    void emptyEntriesInListsAreReportedAtTheirIndex() {
        assertThat(validator.validate(aValidReferral()
                .withIndicatorCodes(Arrays.asList("SOME_DOMESTIC_ABUSE", null))
                .withSiblings(Arrays.asList((Person) null))
                .build()))
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(tuple("REQUIRED", "indicatorCodes[1]"), tuple("REQUIRED", "siblings[0]"));
    }

    @Test
    void professionalReferralCanNeverBeAnonymous() {
        assertThat(validator.validate(aValidReferral().anonymously().build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("PROFESSIONAL_NOT_ANONYMOUS", "referrer.anonymous"));
    }

    @Test
    void memberOfThePublicMayStayAnonymousWithoutNameRoleOrContactDetails() {
        assertThat(validator.validate(aValidReferral().fromAnAnonymousMemberOfThePublic().build())).isEmpty();
    }

    @Test
    void professionalMustGiveTheirNameAndRole() {
        ReferralSubmitted submission = aValidReferral().withReferrerName(" ").withReferrerRole(null).build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(tuple("REQUIRED", "referrer.name"), tuple("REQUIRED", "referrer.role"));
    }

    @Test
    void professionalWithNeitherEmailNorPhoneCannotBeToldTheOutcome() {
        ReferralSubmitted submission = aValidReferral().withReferrerEmail(null).withReferrerPhone(" ").build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", "referrer.email"));
    }

    static Stream<Arguments> professionalContactDetails() {
        return Stream.of(
                argumentSet("email only", aValidReferral().withReferrerEmail("dsl@fictional-primary.example")
                        .withReferrerPhone(null)),
                argumentSet("phone only", aValidReferral().withReferrerEmail(null).withReferrerPhone("01733 000000")));
    }

    @ParameterizedTest
    @MethodSource("professionalContactDetails")
    void professionalNeedsOnlyOneWayOfBeingContacted(Submissions submission) {
        assertThat(validator.validate(submission.build())).isEmpty();
    }

    @Test
    void dateOfBirthInTheFutureIsRefused() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(TODAY.plusDays(1)).build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("DATE_OF_BIRTH_IN_FUTURE", "child.dateOfBirth"));
    }

    @Test
    void babyBornTodayIsAccepted() {
        assertThat(validator.validate(aValidReferral().withDateOfBirth(TODAY).build())).isEmpty();
    }

    @Test
    void eighteenYearOldIsRefusedWhereTheServiceEndsAtEighteen() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(TODAY.minusYears(18)).build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("NOT_A_CHILD", "child.dateOfBirth"));
    }

    @Test
    void youngPersonTheDayBeforeTheirEighteenthBirthdayIsAccepted() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(TODAY.minusYears(18).plusDays(1)).build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @Test
    void twentyYearOldIsAcceptedWhereTheAuthorityRunsAServiceToTwentyFive() {
        ReferralSubmitted submission = aValidReferral()
                .withLocalAuthority("cambridgeshire")
                .withDateOfBirth(TODAY.minusYears(20))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @Test
    void twentyFiveYearOldIsRefusedEvenWhereTheServiceRunsToTwentyFive() {
        ReferralSubmitted submission = aValidReferral()
                .withLocalAuthority("cambridgeshire")
                .withDateOfBirth(TODAY.minusYears(25))
                .build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("NOT_A_CHILD", "child.dateOfBirth"));
    }

    @Test
    void ageIsJudgedByTheDateInLondonRatherThanInUtc() {
        // 23:30 UTC on 30 June is already 1 July in British Summer Time: the eighteenth birthday has begun
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);
        ReferralValidator validatorAtMidnightInLondon = new ReferralValidator(SETTINGS, INDICATORS, lateEveningUtc);
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(LocalDate.of(2008, 7, 1)).build();

        assertThat(validatorAtMidnightInLondon.validate(submission))
                .extracting(Violation::code)
                .containsExactly("NOT_A_CHILD");
    }

    @Test
    void indicatorCodesFromTheCatalogueAreAccepted() {
        ReferralSubmitted submission = aValidReferral()
                .withIndicatorCodes(List.of("POOR_SCHOOL_ATTENDANCE", "PARENTING_INCONSISTENT"))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @Test
    void indicatorCodeMissingFromTheCatalogueIsRefusedAtItsIndex() {
        ReferralSubmitted submission = aValidReferral()
                .withIndicatorCodes(List.of("POOR_SCHOOL_ATTENDANCE", "LOOKS_SAD_ON_TUESDAYS"))
                .build();

        assertThat(validator.validate(submission)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("UNKNOWN_INDICATOR", "indicatorCodes[1]"));
    }

    @Test
    void unbornBabyDueFiveWeeksAgoIsStillAnUnbornBaby() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(null).withExpectedDueDate(TODAY.minusWeeks(5))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @Test
    void dueDateLongPassedAsksForTheDateOfBirth() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(null).withExpectedDueDate(TODAY.minusWeeks(7))
                .build();

        assertThat(validator.validate(submission)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("EXPECTED_DUE_DATE_PASSED", "child.expectedDueDate"));
    }

    @Test
    void dueDateFurtherAheadThanAPregnancyIsRefused() {
        ReferralSubmitted submission = aValidReferral().withDateOfBirth(null).withExpectedDueDate(TODAY.plusWeeks(43))
                .build();

        assertThat(validator.validate(submission)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple("EXPECTED_DUE_DATE_TOO_FAR_AHEAD", "child.expectedDueDate"));
    }

    @Test
    void unbornBabyWithAnExpectedDueDateAndNoDateOfBirthIsAccepted() {
        ReferralSubmitted submission = aValidReferral()
                .withDateOfBirth(null)
                .withExpectedDueDate(TODAY.plusWeeks(10))
                .withNhsNumber(null)
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    @Test
    void nhsNumberWithAWrongCheckDigitIsRefused() {
        ReferralSubmitted submission = aValidReferral().withNhsNumber("9434765918").build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("NHS_NUMBER_CHECK_DIGIT", "child.nhsNumber"));
    }

    @Test
    void nhsNumberWrittenWithSpacesIsAccepted() {
        assertThat(validator.validate(aValidReferral().withNhsNumber("943 476 5919").build())).isEmpty();
    }

    @Test
    void childWhoseNhsNumberIsNotKnownIsAccepted() {
        assertThat(validator.validate(aValidReferral().withNhsNumber(null).build())).isEmpty();
    }

    @Test
    void postcodeNotInTheUkFormatIsRefused() {
        ReferralSubmitted submission = aValidReferral().withPostcode("12345").build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("POSTCODE_FORMAT", "child.address.postcode"));
    }

    @Test
    void childWithNoKnownAddressIsAccepted() {
        assertThat(validator.validate(aValidReferral().withoutAddress().build())).isEmpty();
    }

    @Test
    void localAuthorityThisMashDoesNotServeIsRefusedNamingTheOnesItDoes() {
        ReferralSubmitted submission = aValidReferral().withLocalAuthority("norfolk").build();

        assertThat(validator.validate(submission))
                .singleElement()
                .satisfies(violation -> {
                    assertThat(violation.code()).isEqualTo("UNKNOWN_LOCAL_AUTHORITY");
                    assertThat(violation.field()).isEqualTo("localAuthority");
                    assertThat(violation.message()).contains("peterborough", "cambridgeshire");
                });
    }

    static Stream<Arguments> textsOverTheirLimit() {
        String overShortLimit = "x".repeat(ReferralValidator.MAX_SHORT_TEXT + 1);
        String overLongLimit = "x".repeat(ReferralValidator.MAX_TEXT + 1);
        return Stream.of(
                argumentSet("agency reference", aValidReferral().withAgencyReference(overShortLimit),
                        "agencyReference"),
                argumentSet("nature of concern", aValidReferral().withNatureOfConcern(overLongLimit),
                        "natureOfConcern"),
                argumentSet("impact on child", aValidReferral().withImpactOnChild(overLongLimit), "impactOnChild"),
                argumentSet("referrer's name", aValidReferral().withReferrerName(overShortLimit), "referrer.name"),
                argumentSet("referrer's email", aValidReferral().withReferrerEmail(overShortLimit),
                        "referrer.email"),
                argumentSet("child's family name", aValidReferral().withChildFamilyName(overShortLimit),
                        "child.familyName"),
                argumentSet("child's given names", aValidReferral().withChildGivenNames(overShortLimit),
                        "child.givenNames"),
                argumentSet("child's views", aValidReferral().withChildViews(overLongLimit), "childViews"),
                argumentSet("support already provided", aValidReferral().withSupportAlreadyProvided(overLongLimit),
                        "supportAlreadyProvided"),
                argumentSet("strengths and resilience", aValidReferral().withStrengthsAndResilience(overLongLimit),
                        "strengthsAndResilience"),
                argumentSet("desired outcome", aValidReferral().withDesiredOutcome(overLongLimit), "desiredOutcome"),
                argumentSet("referrer's role", aValidReferral().withReferrerRole(overShortLimit), "referrer.role"),
                argumentSet("referrer's phone", aValidReferral().withReferrerPhone(overShortLimit),
                        "referrer.phone"),
                argumentSet("child's school", aValidReferral().withSchoolOrSetting(overShortLimit),
                        "child.schoolOrSetting"),
                argumentSet("child's disability", aValidReferral().withDisabilities(List.of(overShortLimit)),
                        "child.disabilities[0]"),
                argumentSet("child's address line", aValidReferral().withAddressLines(List.of(overShortLimit)),
                        "child.address.lines[0]"),
                argumentSet("child's town", aValidReferral().withTown(overShortLimit), "child.address.town"),
                argumentSet("carer's name", aValidReferral().withParentsOrCarers(List.of(aPerson(overShortLimit,
                        "mother"))), "parentsOrCarers[0].name"),
                argumentSet("sibling's relationship", aValidReferral().withSiblings(List.of(aPerson("Robin",
                        overShortLimit))), "siblings[0].relationship"),
                argumentSet("household member's phone", aValidReferral().withHouseholdMembers(List.of(
                        withPhone(aPerson("Chris", "lodger"), overShortLimit))), "householdMembers[0].phone"),
                argumentSet("postcode abroad", aValidReferral().withParentsOrCarers(List.of(aPersonLivingAt(
                        "Lee Fairweather", "father", anAddressIn("IE", overShortLimit)))),
                        "parentsOrCarers[0].address.postcode"));
    }

    @ParameterizedTest
    @MethodSource("textsOverTheirLimit")
    void textOverItsLimitIsRefusedAsTooLong(Submissions submission, String field) {
        assertThat(validator.validate(submission.build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("TOO_LONG", field));
    }

    @Test
    void aNulCharacterNoServiceCouldStoreIsRefusedWhereverItIs() {
        ReferralSubmitted submission = aValidReferral()
                .withAgencyReference("SCH-1\u0000")
                .withNatureOfConcern("Seen with bruising\u0000")
                .withAddressLines(List.of("2 Example Road", "\u0000"))
                .build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(tuple("INVALID_CHARACTER", "agencyReference"),
                        tuple("INVALID_CHARACTER", "natureOfConcern"),
                        tuple("INVALID_CHARACTER", "child.address.lines[1]"));
    }

    @Test
    void textsExactlyAtTheirLimitsAreAccepted() {
        ReferralSubmitted submission = aValidReferral()
                .withAgencyReference("x".repeat(ReferralValidator.MAX_SHORT_TEXT))
                .withNatureOfConcern("x".repeat(ReferralValidator.MAX_TEXT))
                .withImpactOnChild("x".repeat(ReferralValidator.MAX_TEXT))
                .withChildFamilyName("x".repeat(ReferralValidator.MAX_SHORT_TEXT))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    static Stream<Arguments> listsOverTheirLimit() {
        int tooMany = ReferralValidator.MAX_LIST + 1;
        int tooManyPeople = ReferralValidator.MAX_PEOPLE + 1;
        return Stream.of(
                argumentSet("indicator codes",
                        aValidReferral().withIndicatorCodes(Collections.nCopies(tooMany, "PARENTING_INCONSISTENT")),
                        "indicatorCodes"),
                argumentSet("disabilities",
                        aValidReferral().withDisabilities(Collections.nCopies(tooMany, "Hearing impairment")),
                        "child.disabilities"),
                argumentSet("siblings", aValidReferral().withSiblings(people(tooManyPeople)), "siblings"),
                argumentSet("household members", aValidReferral().withHouseholdMembers(people(tooManyPeople)),
                        "householdMembers"),
                argumentSet("parents or carers", aValidReferral().withParentsOrCarers(people(tooManyPeople)),
                        "parentsOrCarers"),
                argumentSet("lines of an address", aValidReferral().withAddressLines(
                        Collections.nCopies(ReferralValidator.MAX_ADDRESS_LINES + 1, "Flat 1")),
                        "child.address.lines"));
    }

    @ParameterizedTest
    @MethodSource("listsOverTheirLimit")
    void listWithTooManyEntriesIsRefused(Submissions submission, String field) {
        assertThat(validator.validate(submission.build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("TOO_MANY", field));
    }

    @Test
    void listsExactlyAtTheirLimitAreAccepted() {
        ReferralSubmitted submission = aValidReferral()
                .withIndicatorCodes(Collections.nCopies(ReferralValidator.MAX_LIST, "PARENTING_INCONSISTENT"))
                .withDisabilities(Collections.nCopies(ReferralValidator.MAX_LIST, "Hearing impairment"))
                .withSiblings(people(ReferralValidator.MAX_PEOPLE))
                .withAddressLines(Collections.nCopies(ReferralValidator.MAX_ADDRESS_LINES, "Flat 1"))
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }

    static Stream<Arguments> peoplesAddressesAtFault() {
        return Stream.of(
                argumentSet("carer's country not an ISO code", aValidReferral().withParentsOrCarers(List.of(
                        aPersonLivingAt("Lee Fairweather", "father", anAddressIn("Ireland", "D02 X285")))),
                        "COUNTRY_CODE", "parentsOrCarers[0].address.country"),
                argumentSet("carer's postcode in GB not in the UK format", aValidReferral().withParentsOrCarers(
                        List.of(aPersonLivingAt("Lee Fairweather", "father", anAddressIn("GB", "D02 X285")))),
                        "POSTCODE_FORMAT", "parentsOrCarers[0].address.postcode"),
                argumentSet("sibling's postcode not in the UK format", aValidReferral().withSiblings(List.of(
                        aPersonLivingAt("Robin Fairweather", "brother", anAddress("PE2 5A", List.of())))),
                        "POSTCODE_FORMAT", "siblings[0].address.postcode"),
                argumentSet("household member's address with an empty line", aValidReferral().withHouseholdMembers(
                        List.of(aPersonLivingAt("Chris Lodger", "lodger", anAddress("PE1 2AB",
                                Arrays.asList((String) null))))),
                        "REQUIRED", "householdMembers[0].address.lines[0]"),
                argumentSet("second carer's address too long", aValidReferral().withParentsOrCarers(List.of(
                        aPerson("Sam Fairweather", "mother"), aPersonLivingAt("Lee Fairweather", "father",
                                anAddress("PE1 2AB", List.of("x".repeat(ReferralValidator.MAX_SHORT_TEXT + 1)))))),
                        "TOO_LONG", "parentsOrCarers[1].address.lines[0]"));
    }

    @ParameterizedTest
    @MethodSource("peoplesAddressesAtFault")
    void faultInAPersonsAddressIsReportedAtItsPath(Submissions submission, String code, String field) {
        assertThat(validator.validate(submission.build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(code, field));
    }

    @Test
    void referralInEnglishAtEveryLimitIsAccepted() {
        assertThat(validator.validate(atEveryLimit("x").build())).isEmpty();
    }

    @Test
    void referralTooLargeToPassOnOnceEncodedIsRefusedAsTooLarge() {
        // three bytes each in UTF-8, so that no field is over its limit but the whole is
        assertThat(validator.validate(atEveryLimit("\u20ac").build()))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("TOO_LARGE", null));
    }

    /** Every text and list at its limit, written in the given character. */
    private static Submissions atEveryLimit(String character) {
        String narrative = character.repeat(ReferralValidator.MAX_TEXT);
        String value = character.repeat(ReferralValidator.MAX_SHORT_TEXT);
        List<String> lines = Collections.nCopies(ReferralValidator.MAX_ADDRESS_LINES, value);
        List<Person> people = Collections.nCopies(ReferralValidator.MAX_PEOPLE,
                withPhone(aPersonLivingAt(value, value, anAddress("PE1 2AB", lines)), value));
        return aValidReferral()
                .withNatureOfConcern(narrative)
                .withImpactOnChild(narrative)
                .withChildViews(narrative)
                .withSupportAlreadyProvided(narrative)
                .withStrengthsAndResilience(narrative)
                .withDesiredOutcome(narrative)
                .withReferrerName(value)
                .withReferrerRole(value)
                .withChildGivenNames(value)
                .withSchoolOrSetting(value)
                .withDisabilities(Collections.nCopies(ReferralValidator.MAX_LIST, value))
                .withAddressLines(lines)
                .withTown(value)
                .withSiblings(people)
                .withHouseholdMembers(people)
                .withParentsOrCarers(people);
    }

    private static Person withPhone(Person person, String phone) {
        person.setPhone(phone);
        return person;
    }

    @Test
    void householdMemberWithoutANameIsReportedByTheirPositionInTheList() {
        ReferralSubmitted submission = aValidReferral()
                .withHouseholdMembers(List.of(aPerson(null, "lodger")))
                .build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", "householdMembers[0].name"));
    }

    @Test
    void personFurtherDownAListIsReportedAtTheirOwnPosition() {
        ReferralSubmitted submission = aValidReferral()
                .withSiblings(List.of(aPerson("Robin Fairweather", "brother"), aPerson("Kit Fairweather", " ")))
                .build();

        assertThat(validator.validate(submission))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple("REQUIRED", "siblings[1].relationship"));
    }

    @Test
    void violationsNeverEchoTheChildsSpecialCategoryData() {
        String familyName = "Fairweather-Okonkwo";
        String nhsNumber = "9434765918";
        String postcode = "ZZ99 9Z";
        ReferralSubmitted submission = aValidReferral()
                .withChildFamilyName(familyName + " " + "x".repeat(ReferralValidator.MAX_SHORT_TEXT))
                .withNhsNumber(nhsNumber)
                .withPostcode(postcode)
                .withDateOfBirth(TODAY.plusYears(1))
                .withLocalAuthority("peterborough-" + familyName)
                .withHouseholdMembers(List.of(aPersonLivingAt(null, familyName, anAddressIn(familyName,
                        null))))
                .build();

        List<Violation> violations = validator.validate(submission);

        assertThat(violations).hasSizeGreaterThanOrEqualTo(5);
        assertThat(violations).allSatisfy(violation -> assertThat(violation.message())
                .doesNotContainIgnoringCase(familyName)
                .doesNotContain(nhsNumber)
                .doesNotContainIgnoringCase(postcode));
    }

    @Test
    void memberOfThePublicIsNotAskedForAProfessionalsDetails() {
        ReferralSubmitted submission = aValidReferral()
                .withReferrerKind(ReferrerKind.MEMBER_OF_PUBLIC)
                .withReferrerRole(null)
                .withReferrerEmail(null)
                .withReferrerPhone("07700 900000")
                .build();

        assertThat(validator.validate(submission)).isEmpty();
    }
}
