package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RulePackValidatorTest {

    private static final String PACK = """
            id: test-pack
            version: "1"
            title: "A pack for tests"
            document: seed-003
            policy: { confirmsWithoutWorker: { SINGLE_AGENCY: [LEVEL_1] } }
            """;
    private static final String ENGINE_REASONS = """
            withoutIndicators:
              explanation: "a worker reads it"
              citations: [ { document: "seed 003", section: "Childrens Social Care", quote: "a quote" } ]
            gillickCompetent:
              explanation: "a worker checks the young person's consent"
              citations: [ { document: "seed 003", section: "Principles", quote: "a quote" } ]
            """;
    private static final String HEADER = PACK + ENGINE_REASONS + "rules:\n";
    private static final String CITED = """
                citations: [ { document: "seed 003", section: "Levels of need table", quote: "a quote" } ]
            """;
    private static final String IMMEDIATE_RISK = """
              - id: immediate-risk
                explanation: "s47"
                when: { immediateRisk: true }
                recommend: { outcome: SECTION_47_ENQUIRY, level: LEVEL_3, priority: IMMEDIATE }
            """ + CITED;
    private static final String OTHERWISE_SINGLE_AGENCY = """
              - id: otherwise
                explanation: "single agency"
                when: { immediateRisk: false }
                recommend: { outcome: SINGLE_AGENCY, priority: ROUTINE }
            """ + CITED;

    private final RulePackValidator validator = new RulePackValidator(TestPacks.CATALOGUE);

    @ParameterizedTest
    @ValueSource(strings = { TestPacks.CAMBRIDGESHIRE_PETERBOROUGH_2018, TestPacks.PETERBOROUGH_2016 })
    void shippedPacksAreCompleteConsistentAndCited(String pack) {
        assertThat(validator.problems(TestPacks.shipped(pack))).isEmpty();
    }

    @Test
    void aCompletePackWithoutOverlapsIsValid() {
        assertThat(validator.problems(TestPacks.fromYaml(HEADER + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY)))
                .isEmpty();
    }

    @Test
    void refusesAPackThatDoesNotSayWhyAReferralWithoutIndicatorsOrAGillickCompetentChildWaitsForAWorker() {
        String pack = PACK + "rules:\n" + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY;

        assertThat(problems(pack)).containsExactly(
                "the pack does not say why a referral without any indicator the rules know is read by a MASH worker: "
                        + "give 'withoutIndicators' with an explanation and citations",
                "the pack does not say why a MASH worker checks a Gillick competent young person's own consent: give "
                        + "'gillickCompetent' with an explanation and citations");
    }

    @Test
    void refusesAReasonOfTheEngineThatCitesNothing() {
        String pack = PACK + """
                withoutIndicators:
                  explanation: "a worker reads it"
                  citations: [ { document: "seed 003", section: "Childrens Social Care", quote: "a quote" } ]
                gillickCompetent:
                  explanation: "a worker checks the young person's consent"
                  citations: []
                rules:
                """ + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY;

        assertThat(problems(pack)).containsExactly(
                "gillickCompetent cites nothing: give the document, section and a short quote");
    }

    @Test
    void refusesAnIndicatorCodeThatIsNotInTheCatalogue() {
        String pack = HEADER + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY + """
                  - id: neglect
                    explanation: "early help"
                    when: { immediateRisk: false, anyIndicator: [NEGLECT-01] }
                    recommend: { outcome: EARLY_HELP, priority: ROUTINE }
                """ + CITED;

        assertThat(problems(pack)).anySatisfy(problem -> assertThat(problem)
                .isEqualTo("rule 'neglect' names indicator 'NEGLECT-01', which is not in the indicator catalogue"));
    }

    @Test
    void refusesARuleThatCitesNothing() {
        String pack = HEADER + IMMEDIATE_RISK + """
                  - id: otherwise
                    explanation: "single agency"
                    when: { immediateRisk: false }
                    recommend: { outcome: SINGLE_AGENCY, priority: ROUTINE }
                    citations: []
                """;

        assertThat(problems(pack)).contains("rule 'otherwise' cites nothing: give the document, section and a short "
                + "quote it encodes");
    }

    @Test
    void refusesACitationWithoutAQuote() {
        String pack = HEADER + IMMEDIATE_RISK + """
                  - id: otherwise
                    explanation: "single agency"
                    when: { immediateRisk: false }
                    recommend: { outcome: SINGLE_AGENCY, priority: ROUTINE }
                    citations: [ { document: "seed 003", section: "Levels of need table" } ]
                """;

        assertThatThrownBy(() -> TestPacks.fromYaml(pack)).isInstanceOf(InvalidRulePackException.class)
                .hasMessageContaining("rule 'otherwise' citation: 'quote' is missing");
    }

    @Test
    void refusesARuleWhoseConditionsContradictEachOther() {
        String pack = HEADER + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY + """
                  - id: level-2-with-a-level-3-indicator
                    explanation: "never"
                    when: { levels: [LEVEL_2], anyIndicator: [ABUSE_OR_NEGLECT_SUSPECTED] }
                    advise: true
                """ + CITED;

        assertThat(problems(pack)).anySatisfy(problem -> assertThat(problem)
                .startsWith("rule 'level-2-with-a-level-3-indicator' can never fire"));
    }

    @Test
    void refusesARuleThatIsAlwaysOverridden() {
        String pack = HEADER + """
                  - id: immediate-risk
                    explanation: "s47"
                    when: { immediateRisk: true }
                    recommend: { outcome: SECTION_47_ENQUIRY, level: LEVEL_3, priority: IMMEDIATE }
                    overrides: [immediate-risk-early-help]
                """ + CITED + OTHERWISE_SINGLE_AGENCY + """
                  - id: immediate-risk-early-help
                    explanation: "never decides"
                    when: { immediateRisk: true, levels: [LEVEL_2] }
                    recommend: { outcome: EARLY_HELP, priority: ROUTINE }
                """ + CITED;

        assertThat(problems(pack)).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("rule 'immediate-risk-early-help' can never fire"));
    }

    @Test
    void refusesOverlappingRulesWithConflictingOutcomes() {
        String pack = HEADER + IMMEDIATE_RISK + OTHERWISE_SINGLE_AGENCY + """
                  - id: level-2-early-help
                    explanation: "early help"
                    when: { immediateRisk: false, levels: [LEVEL_2] }
                    recommend: { outcome: EARLY_HELP, priority: ROUTINE }
                """ + CITED;

        assertThat(problems(pack)).anySatisfy(problem -> assertThat(problem)
                .startsWith("rules 'otherwise' (SINGLE_AGENCY) and 'level-2-early-help' (EARLY_HELP) both fire")
                .endsWith("say which overrides the other"));
    }

    @Test
    void refusesAPackThatLeavesSomeReferralsUndecided() {
        assertThat(problems(HEADER + IMMEDIATE_RISK)).anySatisfy(problem -> assertThat(problem)
                .startsWith("no rule decides a referral with immediate risk false"));
    }

    @Test
    void refusesAnOverrideOfARuleThatDoesNotExist() {
        String pack = HEADER + IMMEDIATE_RISK + """
                  - id: otherwise
                    explanation: "single agency"
                    when: { immediateRisk: false }
                    recommend: { outcome: SINGLE_AGENCY, priority: ROUTINE }
                    overrides: [no-such-rule]
                """ + CITED;

        assertThat(problems(pack)).contains("rule 'otherwise' overrides 'no-such-rule', which is not a rule of this "
                + "pack");
    }

    @Test
    void refusesAnUnknownOutcome() {
        String pack = HEADER + IMMEDIATE_RISK + """
                  - id: otherwise
                    explanation: "single agency"
                    when: { immediateRisk: false }
                    recommend: { outcome: SECTION_20_ACCOMMODATION, priority: ROUTINE }
                """ + CITED;

        assertThatThrownBy(() -> TestPacks.fromYaml(pack)).isInstanceOf(InvalidRulePackException.class)
                .hasMessageContaining("rule 'otherwise' recommend: 'outcome' has 'SECTION_20_ACCOMMODATION'");
    }

    @Test
    void theMessageNamesThePackAndEveryProblem() {
        assertThatThrownBy(() -> validator.validated("broken.yaml", TestPacks.fromYaml(HEADER + IMMEDIATE_RISK)))
                .isInstanceOf(InvalidRulePackException.class)
                .hasMessageStartingWith("Rule pack broken.yaml is not valid, so MASH triage will not start:")
                .hasMessageContaining("no rule decides a referral with");
    }

    private List<String> problems(String yaml) {
        return validator.problems(TestPacks.fromYaml(yaml));
    }
}
