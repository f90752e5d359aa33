package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.triage.TriageSettings;

/** Triage's rule packs as Spring loads them at start-up: a bad pack, or a bad choice of pack, stops the service. */
class RulePacksStartupTest {

    private final ApplicationContextRunner triage = new ApplicationContextRunner()
            .withUserConfiguration(RulePacksOnly.class)
            .withPropertyValues(
                    "referrals.triage.rule-packs.in-force.peterborough[0].pack=peterborough-2016",
                    "referrals.triage.rule-packs.in-force.peterborough[0].from=2016-07-01",
                    "referrals.triage.rule-packs.in-force.peterborough[1].pack=cambridgeshire-peterborough-2018",
                    "referrals.triage.rule-packs.in-force.peterborough[1].from=2018-11-01");

    @Test
    void aBrokenRulePackRefusesToStartNamingEveryProblem() {
        triage.withPropertyValues("referrals.triage.rule-packs.locations=classpath*:broken-packs/*.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidRulePackException.class)
                            .hasMessageStartingWith("Rule pack contradictory-2018.yaml is not valid, so MASH triage "
                                    + "will not start")
                            .hasMessageContaining("rule 'immediate-risk' cites nothing")
                            .hasMessageContaining("rule 'neglect-single-agency' names indicator 'NEGLECT-01', which "
                                    + "is not in the indicator catalogue");
                });
    }

    @Test
    void configurationNamingAPackThatDoesNotExistRefusesToStart() {
        triage.withPropertyValues("referrals.triage.rule-packs.in-force.cambridgeshire[0].pack=cambridgeshire-2030",
                "referrals.triage.rule-packs.in-force.cambridgeshire[0].from=2030-01-01")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("local authority 'cambridgeshire' names pack cambridgeshire-2030, which "
                                + "was not found"));
    }

    @Test
    void thePackInForceIsChosenByTheDayTheReferralWasReceivedInLondon() {
        triage.run(context -> {
            RulePacks packs = context.getBean(RulePacks.class);
            assertThat(packs.inForce("peterborough", Instant.parse("2017-03-01T10:00:00Z")).pack().id())
                    .isEqualTo("peterborough-2016");
            assertThat(packs.inForce("peterborough", Instant.parse("2018-10-31T23:30:00Z")).pack().id())
                    .as("00:30 on 1 November in London").isEqualTo("peterborough-2016");
            assertThat(packs.inForce("peterborough", Instant.parse("2018-11-01T00:30:00Z")).pack().id())
                    .isEqualTo("cambridgeshire-peterborough-2018");
            assertThat(packs.inForce("peterborough", Instant.parse("2026-11-24T09:00:00Z")).pack().version())
                    .isEqualTo("1.1.0");
        });
    }

    @Test
    void aReferralForALocalAuthorityWithNoPackInForceIsNotDecided() {
        triage.run(context -> assertThatThrownBy(() -> context.getBean(RulePacks.class)
                .inForce("peterborough", Instant.parse("2015-01-01T09:00:00Z")))
                .isInstanceOf(NoRulePackInForceException.class)
                .hasMessageContaining("'peterborough' on 2015-01-01"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TriageSettings.class)
    @Import(RulePacks.class)
    static class RulePacksOnly {

        @Bean
        IndicatorCatalogue indicatorCatalogue() {
            return IndicatorCatalogue.standard();
        }
    }
}
