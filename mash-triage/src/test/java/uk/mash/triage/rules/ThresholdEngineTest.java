package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DecisionReason;
import uk.mash.events.ReferralSubmitted;

class ThresholdEngineTest {

    private final ThresholdEngine engine = TestPacks.engine(TestPacks.CAMBRIDGESHIRE_PETERBOROUGH_2018);

    @Test
    void explainsTheDecidingRuleWithTheFactsItMatchedAndItsCitation() {
        Recommendation recommendation = recommend(aValidReferral().withIndicators("SOME_DOMESTIC_ABUSE")
                .withConsent(ConsentStatus.REFUSED).build());

        DecisionReason decided = recommendation.reasons().get(0);
        assertThat(decided.getRuleId()).isEqualTo("early-help-refused-not-a-reason-for-csc");
        assertThat(decided.getMatchedFacts()).containsExactly("immediateRiskOfSignificantHarm = false",
                "level of need = LEVEL_2", "consent = REFUSED");
        assertThat(decided.getCitation()).startsWith("Cambridgeshire and Peterborough threshold guidance, November "
                + "2018 (seed 003), If a child is not at risk of immediate harm")
                .contains("\"Remember that refusal to engage in Early Help support is not a reason");
    }

    @Test
    void theLevelOfNeedNamesEveryRecognisedIndicatorAndNoUnknownCode() {
        Recommendation recommendation = recommend(aValidReferral()
                .withIndicators("NEGLECT-01", "POOR_SCHOOL_ATTENDANCE", "BASIC_CARE_SOMETIMES_INCONSISTENT").build());

        DecisionReason level = recommendation.reasons().get(recommendation.reasons().size() - 1);
        assertThat(level.getRuleId()).isEqualTo("level-of-need");
        assertThat(level.getMatchedFacts()).containsExactly("indicator POOR_SCHOOL_ATTENDANCE (LEVEL_2)",
                "indicator BASIC_CARE_SOMETIMES_INCONSISTENT (LEVEL_1)");
        assertThat(level.getCitation()).contains("Complex Needs, What would we see?",
                "\"There may be issues with poor school attendance\"");
    }

    @Test
    void explanationsNeverRepeatTheChildsDetails() {
        ReferralSubmitted referral = aValidReferral().withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build();

        List<String> texts = recommend(referral).reasons().stream()
                .flatMap(r -> Stream.concat(Stream.of(r.getExplanation()),
                        r.getMatchedFacts().stream()))
                .toList();

        assertThat(texts).noneMatch(text -> text.contains(referral.getChild().getFamilyName())
                || text.contains(referral.getChild().getNhsNumber())
                || text.contains(referral.getChild().getAddress().getPostcode()));
    }

    private Recommendation recommend(ReferralSubmitted referral) {
        return engine.recommend(ReferralFacts.of(referral, TestPacks.CATALOGUE, false, null),
                referral.getChild().getSchoolOrSetting());
    }
}
