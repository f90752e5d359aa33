package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.indicators.Indicator;

class ReferralFactsTest {

    private static final String EARLY_ONSET = "RISK_TAKING_EARLY_SEXUAL_ACTIVITY";

    @Test
    void aChildIs13FromTheirThirteenthBirthday() {
        assertThat(ReferralFacts.ageOn(LocalDate.of(2013, 11, 24), LocalDate.of(2026, 11, 23))).hasValue(12);
        assertThat(ReferralFacts.ageOn(LocalDate.of(2013, 11, 24), LocalDate.of(2026, 11, 24))).hasValue(13);
        assertThat(ReferralFacts.ageOn(LocalDate.of(2012, 2, 29), LocalDate.of(2025, 2, 28))).hasValue(12);
    }

    @Test
    void noAgeForAnUnbornBabyOrADateOfBirthAfterTheDay() {
        assertThat(ReferralFacts.ageOn(null, LocalDate.of(2026, 11, 24))).isEmpty();
        assertThat(ReferralFacts.ageOn(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 24))).isEmpty();
    }

    @Test
    void theChildsAgeIsTakenOnTheDayTheMashReceivedTheReferralInEngland() {
        ReferralSubmitted referral = Submissions.aValidReferral().withIndicators(EARLY_ONSET)
                .bornOn(LocalDate.of(2013, 7, 1)).build();

        assertThat(facts(referral, Instant.parse("2026-06-30T22:59:00Z")).level())
                .as("30 June in London: still 12").isEqualTo(LevelOfNeed.LEVEL_3);
        assertThat(facts(referral, Instant.parse("2026-06-30T23:01:00Z")).level())
                .as("1 July in London (BST): 13").isEqualTo(LevelOfNeed.LEVEL_2);
    }

    @Test
    void earlyOnsetOfSexualActivityOfAChildUnder13IsReadAsTheConcernTheGuidancePlacesAtLevel3() {
        ReferralSubmitted referral = Submissions.aValidReferral().withIndicators(EARLY_ONSET)
                .bornOn(LocalDate.of(2017, 3, 14)).build();

        ReferralFacts facts = facts(referral, Instant.parse("2026-11-24T09:15:00Z"));

        assertThat(facts.indicators()).extracting(Indicator::code)
                .containsExactly(EARLY_ONSET, "UNDER_13_SEXUAL_ACTIVITY");
        assertThat(facts.level()).isEqualTo(LevelOfNeed.LEVEL_3);
    }

    private static ReferralFacts facts(ReferralSubmitted referral, Instant receivedAt) {
        return ReferralFacts.of(referral, receivedAt, TestPacks.CATALOGUE, false, null);
    }
}
