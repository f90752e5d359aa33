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

    @Test
    void aReferralWithoutIndicatorsWaitsForAWorkerToReadItCitingTheGuidance() {
        Recommendation recommendation = recommend(aValidReferral().build());

        assertThat(recommendation.standsWithoutWorker()).isFalse();
        assertThat(recommendation.needsWorker()).isTrue();
        DecisionReason withoutIndicators = recommendation.reasons().get(recommendation.reasons().size() - 1);
        assertThat(withoutIndicators.getRuleId()).isEqualTo("without-indicators");
        assertThat(withoutIndicators.getMatchedFacts()).containsExactly("no indicator from the catalogue");
        assertThat(withoutIndicators.getCitation()).contains("(seed 003), Childrens Social Care: \"Any enquiries "
                + "received where it is not clear whether there are safeguarding issues/risks");
    }

    @Test
    void theGillickReasonSaysWhetherTheChildsViewsWereGivenWithoutRepeatingThem() {
        String views = "Fictional: I would like help at home but not at school";
        Recommendation recommendation = recommend(aValidReferral().withIndicators("PARENTING_INCONSISTENT")
                .gillickCompetent(true, views).build());

        DecisionReason gillick = recommendation.reasons().stream()
                .filter(reason -> reason.getRuleId().equals("gillick-competent-consent")).findFirst().orElseThrow();
        assertThat(gillick.getMatchedFacts()).containsExactly("gillickCompetent = true", "consent = GIVEN",
                "child's views given");
        assertThat(gillick.getExplanation()).contains("the young person's own consent");
        assertThat(gillick.getCitation()).contains("with the consent of the parents or carers and of the young "
                + "person where they are Gillick or Fraser competent.\"");
    }

    private Recommendation recommend(ReferralSubmitted referral) {
        return engine.recommend(ReferralFacts.of(referral, referral.getSubmittedAt(), TestPacks.CATALOGUE, false,
                null),
                referral.getChild().getSchoolOrSetting());
    }
}
