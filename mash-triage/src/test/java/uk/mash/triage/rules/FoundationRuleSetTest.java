package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static uk.mash.events.ConsentStatus.GIVEN;
import static uk.mash.events.ConsentStatus.NOT_SOUGHT;
import static uk.mash.events.ConsentStatus.NOT_SOUGHT_RISK_OF_HARM;
import static uk.mash.events.ConsentStatus.REFUSED;
import static uk.mash.events.LevelOfNeed.LEVEL_1;
import static uk.mash.events.LevelOfNeed.LEVEL_2;
import static uk.mash.events.LevelOfNeed.LEVEL_3;
import static uk.mash.events.OutcomeType.EARLY_HELP;
import static uk.mash.events.OutcomeType.RETURNED_FOR_CONSENT;
import static uk.mash.events.OutcomeType.SECTION_17_ASSESSMENT;
import static uk.mash.events.OutcomeType.SECTION_47_ENQUIRY;
import static uk.mash.events.OutcomeType.SINGLE_AGENCY;
import static uk.mash.events.Priority.IMMEDIATE;
import static uk.mash.events.Priority.ROUTINE;
import static uk.mash.events.Priority.URGENT;
import static uk.mash.triage.rules.Submissions.SCHOOL;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;

class FoundationRuleSetTest {

    private static final Set<String> CATALOGUE = Arrays.stream(Indicator.values()).map(Enum::name)
            .collect(Collectors.toSet());

    private final FoundationRuleSet rules = new FoundationRuleSet();

    record Expected(OutcomeType outcome, LevelOfNeed level, Priority priority, boolean needsWorker,
            String identifiedOrganisation) {
    }

    static Stream<Arguments> thresholds() {
        return Stream.concat(immediateRisk(), withoutImmediateRisk());
    }

    static Stream<Arguments> immediateRisk() {
        Expected section47 = new Expected(SECTION_47_ENQUIRY, LEVEL_3, IMMEDIATE, true, null);
        return Stream.of(
                argumentSet("s47WhenImmediateRiskEvenWithoutConsent",
                        aValidReferral().withImmediateRiskOfSignificantHarm().withConsent(REFUSED)
                                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED"),
                        section47),
                argumentSet("s47WhenImmediateRiskWithConsentNotSoughtForFearOfHarm",
                        aValidReferral().withImmediateRiskOfSignificantHarm()
                                .withConsent(NOT_SOUGHT_RISK_OF_HARM)
                                .withIndicators("HOME_IMMEDIATE_SERIOUS_RISK"),
                        section47),
                argumentSet("s47WhenImmediateRiskEvenIfTheIndicatorsAloneSuggestLowerNeed",
                        aValidReferral().withImmediateRiskOfSignificantHarm()
                                .withIndicators("BASIC_CARE_SOMETIMES_INCONSISTENT"),
                        section47));
    }

    static Stream<Arguments> withoutImmediateRisk() {
        Expected section17 = new Expected(SECTION_17_ASSESSMENT, LEVEL_3, URGENT, true, null);
        Expected earlyHelp = new Expected(EARLY_HELP, LEVEL_2, ROUTINE, false, null);
        Expected singleAgencyToSchool = new Expected(SINGLE_AGENCY, LEVEL_1, ROUTINE, false, SCHOOL);
        return Stream.of(
                argumentSet("level3IndicatorWithConsentNeedsASection17AssessmentConfirmedByAWorker",
                        aValidReferral().withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withConsent(GIVEN),
                        section17),
                argumentSet("level3IndicatorWithConsentRefusedIsReturnedForConsent",
                        aValidReferral().withIndicators("MEDICAL_NEEDS_COMPROMISED_BY_NEGLECT").withConsent(REFUSED),
                        new Expected(RETURNED_FOR_CONSENT, LEVEL_3, ROUTINE, false, null)),
                argumentSet("level3IndicatorWithConsentNotSoughtIsReturnedForConsent",
                        aValidReferral().withIndicators("DOMESTIC_ABUSE_HIGH_RISK").withConsent(NOT_SOUGHT),
                        new Expected(RETURNED_FOR_CONSENT, LEVEL_3, ROUTINE, false, null)),
                argumentSet("under13SexualActivityIsLevel3",
                        aValidReferral().withIndicators("UNDER_13_SEXUAL_ACTIVITY").withConsent(GIVEN),
                        section17),
                argumentSet("level2IndicatorWithConsentIsEarlyHelpWithoutAWorker",
                        aValidReferral().withIndicators("PARENTING_INCONSISTENT").withConsent(GIVEN),
                        earlyHelp),
                argumentSet("level2IndicatorWithConsentRefusedIsReturnedForConsent",
                        aValidReferral().withIndicators("POOR_SCHOOL_ATTENDANCE").withConsent(REFUSED),
                        new Expected(RETURNED_FOR_CONSENT, LEVEL_2, ROUTINE, false, null)),
                argumentSet("noIndicatorsIsASingleAgencyReferralToTheSchool",
                        aValidReferral().withIndicators(),
                        singleAgencyToSchool),
                argumentSet("level1IndicatorsAreASingleAgencyReferralToTheSchool",
                        aValidReferral().withIndicators("BASIC_CARE_SOMETIMES_INCONSISTENT",
                                "PARENT_NEEDS_LOW_LEVEL_SUPPORT"),
                        singleAgencyToSchool),
                argumentSet("unknownIndicatorCodesAreIgnored",
                        aValidReferral().withIndicators("NEGLECT-01", "parenting_inconsistent", ""),
                        singleAgencyToSchool),
                argumentSet("unknownIndicatorCodesDoNotHideKnownOnes",
                        aValidReferral().withIndicators("NEGLECT-01", "SOME_DOMESTIC_ABUSE"),
                        earlyHelp),
                argumentSet("highestLevelAmongSeveralIndicatorsWins",
                        aValidReferral().withIndicators("BASIC_CARE_SOMETIMES_INCONSISTENT", "POOR_SCHOOL_ATTENDANCE",
                                "DOMESTIC_ABUSE_HIGH_RISK", "HEALTH_APPOINTMENTS_MISSED"),
                        section17),
                argumentSet("highestLevelWinsWhicheverOrderTheIndicatorsCome",
                        aValidReferral().withIndicators("NO_AGE_APPROPRIATE_BOUNDARIES",
                                "PARENT_NEEDS_LOW_LEVEL_SUPPORT"),
                        earlyHelp));
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void recommendsTheOutcomeLevelAndPriorityOfTheThreshold(Submissions given, Expected expected) {
        Recommendation recommendation = rules.recommend(given.build());

        assertThat(new Expected(recommendation.outcome(), recommendation.level(), recommendation.priority(),
                recommendation.needsWorker(), recommendation.identifiedOrganisation())).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("thresholds")
    void everyRecommendationGivesAReasonCitingTheGuidance(Submissions given) {
        Recommendation recommendation = rules.recommend(given.build());

        assertThat(recommendation.reasons()).isNotEmpty().allSatisfy(reason -> {
            assertThat(reason.getRuleId()).isNotBlank();
            assertThat(reason.getExplanation()).isNotBlank();
            assertThat(reason.getCitation()).isNotBlank().contains("seed 002");
        });
    }

    @ParameterizedTest
    @MethodSource("withoutImmediateRisk")
    void matchedFactsListEveryRecognisedIndicatorAndNoUnknownCode(Submissions given) {
        ReferralSubmitted referral = given.build();
        List<String> recognised = referral.getIndicatorCodes().stream().filter(CATALOGUE::contains)
                .map(code -> "indicator " + code).toList();
        List<String> unknown = referral.getIndicatorCodes().stream().filter(code -> !CATALOGUE.contains(code))
                .filter(code -> !code.isBlank()).toList();

        List<String> facts = matchedFacts(rules.recommend(referral));

        assertThat(facts).containsAll(recognised);
        assertThat(facts).noneMatch(fact -> unknown.stream().anyMatch(fact::contains));
    }

    @ParameterizedTest
    @MethodSource("immediateRisk")
    void section47RecordsTheReferrersViewOfImmediateRiskAsItsFact(Submissions given) {
        assertThat(matchedFacts(rules.recommend(given.build())))
                .contains("immediateRiskOfSignificantHarm = true");
    }

    @ParameterizedTest
    @MethodSource("immediateRisk")
    void section47ListsTheIndicatorsBesideTheImmediateRisk(Submissions given) {
        ReferralSubmitted referral = given.build();

        assertThat(matchedFacts(rules.recommend(referral)))
                .containsAll(referral.getIndicatorCodes().stream().map(code -> "indicator " + code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "BASIC_CARE_SOMETIMES_INCONSISTENT", "SOME_DOMESTIC_ABUSE", "ABUSE_OR_NEGLECT_SUSPECTED" })
    void consentNotSoughtForFearOfHarmGoesToAMashWorkerAndIsNeverReturnedForConsent(String indicator) {
        Recommendation recommendation = rules.recommend(aValidReferral().withIndicators(indicator)
                .withConsent(NOT_SOUGHT_RISK_OF_HARM).build());

        assertThat(recommendation.outcome()).isEqualTo(SECTION_17_ASSESSMENT);
        assertThat(recommendation.needsWorker()).isTrue();
        assertThat(recommendation.priority()).isEqualTo(URGENT);
        assertThat(recommendation.reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.getCitation()).contains("risk of significant harm"));
    }

    @Test
    void blankSchoolMeansUniversalServices() {
        assertThat(rules.recommend(aValidReferral().withIndicators().withSchoolOrSetting("  ").build())
                .identifiedOrganisation()).isEqualTo("universal services");
    }

    @Test
    void consentDecisionRecordsTheConsentItWasBasedOn() {
        Recommendation recommendation = rules.recommend(aValidReferral().withIndicators("SOME_DOMESTIC_ABUSE")
                .withConsent(REFUSED).build());

        assertThat(matchedFacts(recommendation)).contains("indicator SOME_DOMESTIC_ABUSE", "consent = REFUSED");
    }

    @Test
    void singleAgencyReferralGoesToTheChildsSchool() {
        Recommendation recommendation = rules.recommend(aValidReferral().withIndicators()
                .withSchoolOrSetting(SCHOOL).build());

        assertThat(recommendation.identifiedOrganisation()).isEqualTo(SCHOOL);
        assertThat(recommendation.reasons()).extracting(DecisionReason::getExplanation)
                .anySatisfy(explanation -> assertThat(explanation).contains(SCHOOL));
    }

    @Test
    void singleAgencyReferralGoesToUniversalServicesWhenTheChildHasNoSchool() {
        Recommendation recommendation = rules.recommend(aValidReferral().withIndicators()
                .withSchoolOrSetting(null).build());

        assertThat(recommendation.outcome()).isEqualTo(SINGLE_AGENCY);
        assertThat(recommendation.identifiedOrganisation()).isEqualTo("universal services");
    }

    private static List<String> matchedFacts(Recommendation recommendation) {
        return recommendation.reasons().stream().flatMap(reason -> reason.getMatchedFacts().stream()).toList();
    }
}
