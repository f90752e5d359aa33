package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DecisionReason;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferralSubmitted;

/**
 * The cases of {@code guidance-cases.yaml}, each taken from a passage of the threshold guidance, run through the
 * shipped rule packs: the recommendation, its level, priority and status, and the rule that decided it.
 */
class GuidanceCasesTest {

    private static final Map<String, ThresholdEngine> ENGINES = Map.of(
            TestPacks.CAMBRIDGESHIRE_PETERBOROUGH_2018, TestPacks.engine(TestPacks.CAMBRIDGESHIRE_PETERBOROUGH_2018),
            TestPacks.PETERBOROUGH_2016, TestPacks.engine(TestPacks.PETERBOROUGH_2016));

    static Stream<Arguments> cases() {
        return readCases().stream().map(c -> Arguments.argumentSet((String) c.get("name"), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void recommendsWhatThePassageSays(Map<String, Object> guidanceCase) {
        Map<String, Object> given = (Map<String, Object>) guidanceCase.get("given");
        Map<String, Object> expect = (Map<String, Object>) guidanceCase.get("expect");
        ReferralSubmitted referral = referral(given);
        ReferralFacts facts = ReferralFacts.of(referral, referral.getSubmittedAt(), TestPacks.CATALOGUE,
                Boolean.TRUE.equals(given.get("allocatedSocialWorker")),
                Boolean.TRUE.equals(given.get("collated")) ? new ReferralFacts.CollatedConcerns(3, 3, "30 days")
                        : null);

        Recommendation recommendation = ENGINES.get((String) guidanceCase.get("pack"))
                .recommend(facts, referral.getChild().getSchoolOrSetting());

        assertThat(recommendation.outcome().name()).isEqualTo(expect.get("outcome"));
        assertThat(recommendation.level().name()).isEqualTo(expect.get("level"));
        assertThat(recommendation.priority().name()).isEqualTo(expect.get("priority"));
        assertThat(recommendation.standsWithoutWorker() ? "CONFIRMED" : "PROVISIONAL").isEqualTo(expect.get("status"));
        if (expect.containsKey("reviewedByWorker")) {
            assertThat(recommendation.needsWorker()).isEqualTo(expect.get("reviewedByWorker"));
        }
        List<String> rules = recommendation.reasons().stream().map(DecisionReason::getRuleId).toList();
        assertThat(rules.get(0)).as("the first reason is a rule that decided").isNotEqualTo("level-of-need");
        assertThat(rules).contains((String) expect.get("rule"));
        if (expect.containsKey("advice")) {
            assertThat(rules).contains((String) expect.get("advice"));
        }
        if (expect.containsKey("noAdvice")) {
            assertThat(rules).doesNotContain((String) expect.get("noAdvice"));
        }
        if (expect.containsKey("organisation")) {
            assertThat(recommendation.identifiedOrganisation()).isEqualTo(expect.get("organisation"));
        }
        assertThat(recommendation.reasons()).allSatisfy(reason -> {
            assertThat(reason.getExplanation()).isNotBlank();
            assertThat(reason.getCitation()).isNotBlank().contains("\"");
        });
    }

    @Test
    void atLeastFortyCasesEachCitingItsPassage() {
        assertThat(readCases()).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(c -> assertThat((String) c.get("passage")).containsPattern("seed 00[23], .+: .+"));
        assertThat(readCases()).extracting(c -> c.get("name")).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static ReferralSubmitted referral(Map<String, Object> given) {
        Submissions submission = Submissions.aValidReferral()
                .withIndicators(((List<String>) given.getOrDefault("indicators", List.of())).toArray(String[]::new))
                .withConsent(ConsentStatus.valueOf((String) given.getOrDefault("consent", "GIVEN")))
                .withEarlyHelpAssessment(EarlyHelpAssessmentStatus.valueOf(
                        (String) given.getOrDefault("earlyHelpAssessment", "NONE")));
        if (Boolean.TRUE.equals(given.get("immediateRisk"))) {
            submission.withImmediateRiskOfSignificantHarm();
        }
        if (given.containsKey("gillickCompetent")) {
            submission.gillickCompetent((Boolean) given.get("gillickCompetent"), (String) given.get("childViews"));
        }
        if (given.containsKey("bornOn")) {
            submission.bornOn(LocalDate.parse((String) given.get("bornOn")));
        }
        if (given.containsKey("school")) {
            submission.withSchoolOrSetting((String) given.get("school"));
        }
        return submission.build();
    }

    private static List<Map<String, Object>> readCases() {
        try (InputStream in = GuidanceCasesTest.class.getClassLoader().getResourceAsStream("guidance-cases.yaml")) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
