package uk.mash.platform.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import uk.mash.events.LevelOfNeed;

class IndicatorCatalogueTest {

    private final IndicatorCatalogue catalogue = IndicatorCatalogue.standard();

    @Test
    void keepsTheCodesAgencySystemsAlreadySend() {
        assertThat(List.of("BASIC_CARE_SOMETIMES_INCONSISTENT", "PARENT_NEEDS_LOW_LEVEL_SUPPORT",
                "PARENTING_INCONSISTENT", "NO_AGE_APPROPRIATE_BOUNDARIES", "SOME_DOMESTIC_ABUSE",
                "POOR_SCHOOL_ATTENDANCE", "HEALTH_APPOINTMENTS_MISSED", "ABUSE_OR_NEGLECT_SUSPECTED",
                "DOMESTIC_ABUSE_HIGH_RISK", "MEDICAL_NEEDS_COMPROMISED_BY_NEGLECT", "UNDER_13_SEXUAL_ACTIVITY",
                "HOME_IMMEDIATE_SERIOUS_RISK")).allMatch(catalogue::contains);
    }

    @Test
    void concernAboutAChildUnder13EngagedInSexualActivityIsLevel3InTheGuidancesOwnWords() {
        assertThat(catalogue.byCode("UNDER_13_SEXUAL_ACTIVITY")).hasValueSatisfying(indicator -> {
            assertThat(indicator.level()).isEqualTo(LevelOfNeed.LEVEL_3);
            assertThat(indicator.wording())
                    .isEqualTo("There is concern regarding a child under 13 being engaged in sexual activity.");
            assertThat(indicator.sources()).extracting(IndicatorSource::documentId)
                    .containsExactly("seed-002", "seed-003");
        });
    }

    @Test
    void everyIndicatorHasWordingAndASourceAndEveryLevelIsCovered() {
        assertThat(catalogue.all()).hasSizeGreaterThan(30).allSatisfy(indicator -> {
            assertThat(indicator.wording()).isNotBlank();
            assertThat(indicator.sources()).isNotEmpty();
        });
        assertThat(catalogue.all()).extracting(Indicator::level).contains(LevelOfNeed.values());
    }

    @Test
    void earlyOnsetOfSexualActivityOfAChildUnder13IsReadAsTheLevel3ConcernToo() {
        assertThat(codesReadAs(OptionalInt.of(12), "RISK_TAKING_EARLY_SEXUAL_ACTIVITY", "SUBSTANCE_MISUSE"))
                .containsExactly("RISK_TAKING_EARLY_SEXUAL_ACTIVITY", "UNDER_13_SEXUAL_ACTIVITY", "SUBSTANCE_MISUSE");
        assertThat(codesReadAs(OptionalInt.of(12), "UNDER_13_SEXUAL_ACTIVITY", "RISK_TAKING_EARLY_SEXUAL_ACTIVITY"))
                .as("read once").containsExactly("UNDER_13_SEXUAL_ACTIVITY", "RISK_TAKING_EARLY_SEXUAL_ACTIVITY");
    }

    @Test
    void earlyOnsetOfSexualActivityIsReadAsSentFrom13OrWhenTheAgeIsNotKnown() {
        assertThat(codesReadAs(OptionalInt.of(13), "RISK_TAKING_EARLY_SEXUAL_ACTIVITY"))
                .containsExactly("RISK_TAKING_EARLY_SEXUAL_ACTIVITY");
        assertThat(codesReadAs(OptionalInt.empty(), "RISK_TAKING_EARLY_SEXUAL_ACTIVITY", "NEGLECT-01"))
                .containsExactly("RISK_TAKING_EARLY_SEXUAL_ACTIVITY");
    }

    @Test
    void refusesACatalogueReadingAConcernForAYoungerChildAsOneNoHigher() {
        String yaml = """
                documents: { seed-002: "Peterborough 2016" }
                indicators:
                  - { code: A, level: LEVEL_2, wording: "a", sources: [ { document: seed-002, section: "s" } ],
                      readForAChildUnder: { age: 13, readAs: B } }
                  - { code: B, level: LEVEL_2, wording: "b", sources: [ { document: seed-002, section: "s" } ] }
                """;

        assertThatThrownBy(() -> IndicatorCatalogue.read(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("A is read for a younger child as B, which is not an indicator at a higher");
    }

    private List<String> codesReadAs(OptionalInt age, String... codes) {
        return catalogue.readAs(List.of(codes), age).stream().map(Indicator::code).toList();
    }

    @Test
    void unknownCodesAreNotInTheCatalogue() {
        assertThat(catalogue.contains("NEGLECT-01")).isFalse();
        assertThat(catalogue.byCode("parenting_inconsistent")).isEmpty();
    }

    @Test
    void refusesACatalogueThatUsesACodeTwice() {
        String yaml = """
                documents: { seed-002: "Peterborough 2016" }
                indicators:
                  - { code: A, level: LEVEL_1, wording: "a", sources: [ { document: seed-002, section: "s" } ] }
                  - { code: A, level: LEVEL_2, wording: "b", sources: [ { document: seed-002, section: "s" } ] }
                """;

        assertThatThrownBy(() -> IndicatorCatalogue.read(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("A appears twice");
    }
}
