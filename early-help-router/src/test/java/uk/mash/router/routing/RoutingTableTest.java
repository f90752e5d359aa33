package uk.mash.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.events.OutcomeType.ALLOCATED_SOCIAL_WORKER;
import static uk.mash.events.OutcomeType.EARLY_HELP;
import static uk.mash.events.OutcomeType.RETURNED_FOR_CONSENT;
import static uk.mash.events.OutcomeType.SECTION_17_ASSESSMENT;
import static uk.mash.events.OutcomeType.SECTION_47_ENQUIRY;
import static uk.mash.events.OutcomeType.SINGLE_AGENCY;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.topics.TopicCatalogue;
import uk.mash.router.RouterSettings;
import uk.mash.router.registry.OpenCase;

/** The routing tables as shipped in application.yml, and the start-up check that refuses a broken one. */
class RoutingTableTest {

    private static final AllocatedTeams NO_OPEN_CASES = (authority, caseId, childKey) -> Optional.empty();

    @EnableConfigurationProperties({ RouterSettings.class, TopicCatalogue.class })
    @Import(RoutingTable.class)
    static class TableOnly {
    }

    private final ApplicationContextRunner shipped = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(TableOnly.class);

    private final ApplicationContextRunner bare = new ApplicationContextRunner()
            .withUserConfiguration(TableOnly.class);

    @ParameterizedTest(name = "{0} {1} in {2} goes on {3} to {4}")
    @CsvSource({
            "peterborough, EARLY_HELP, PE2 5AB, early-help.cases.v1, early-help-peterborough-south",
            "peterborough, EARLY_HELP, PE1 2AB, early-help.cases.v1, early-help-peterborough-central-and-east",
            "peterborough, EARLY_HELP, PE4 6AB, early-help.cases.v1, early-help-peterborough-north-west-and-rural",
            "peterborough, EARLY_HELP, LE15 6AB, early-help.cases.v1, early-help-peterborough-hub",
            "peterborough, SECTION_17_ASSESSMENT, PE2 5AB, csc.assessments.v1, csc-assessment-peterborough",
            "peterborough, SECTION_47_ENQUIRY, PE2 5AB, csc.child-protection.v1, csc-child-protection-peterborough",
            "cambridgeshire, EARLY_HELP, CB1 2AB, early-help.cases.v1, early-help-cambridgeshire-cambridge-city",
            "cambridgeshire, EARLY_HELP, CB7 4AB, early-help.cases.v1, early-help-cambridgeshire-east-cambridgeshire",
            "cambridgeshire, EARLY_HELP, PE15 8AB, early-help.cases.v1, early-help-cambridgeshire-fenland",
            "cambridgeshire, EARLY_HELP, PE7 1AB, early-help.cases.v1, early-help-cambridgeshire-fenland",
            "cambridgeshire, EARLY_HELP, PE29 3AB, early-help.cases.v1, early-help-cambridgeshire-huntingdonshire",
            "cambridgeshire, EARLY_HELP, CB23 6AB, early-help.cases.v1, early-help-cambridgeshire-south-cambridgeshire",
            "cambridgeshire, EARLY_HELP, SG8 6AB, early-help.cases.v1, early-help-cambridgeshire-south-cambridgeshire",
            "cambridgeshire, EARLY_HELP, PE1 2AB, early-help.cases.v1, early-help-cambridgeshire-hub",
            "cambridgeshire, SECTION_47_ENQUIRY, CB1 2AB, csc.child-protection.v1, csc-child-protection-cambridgeshire" })
    void shippedTableRoutesEachOutcomeToItsQueueAndTeam(String authority, OutcomeType outcome, String postcode,
            String topic, String team) {
        shipped.run(context -> {
            RoutingDecision decision = context.getBean(RoutingTable.class).decide(
                    anOutcome(outcome).in(authority).livingAt(postcode).build(),
                    NO_OPEN_CASES);

            assertThat(decision).isInstanceOfSatisfying(RoutingDecision.Routed.class, routed -> {
                assertThat(routed.route().topic()).isEqualTo(topic);
                assertThat(routed.route().team()).isEqualTo(team);
            });
        });
    }

    @Test
    void earlyHelpCaseCarriesItsLocality() {
        shipped.run(context -> assertThat(context.getBean(RoutingTable.class)
                .decide(anOutcome(EARLY_HELP).livingAt("PE3 9AB").build(), NO_OPEN_CASES))
                .isEqualTo(new RoutingDecision.Routed(new Route(Queue.EARLY_HELP, "early-help.cases.v1",
                        "early-help-peterborough-north-west-and-rural", "north-west-and-rural"), null)));
    }

    @Test
    void singleAgencyReferralGoesToTheIdentifiedOrganisation() {
        shipped.run(context -> assertThat(context.getBean(RoutingTable.class)
                .decide(anOutcome(SINGLE_AGENCY).forOrganisation("Fictional Primary School").build(), NO_OPEN_CASES))
                .isEqualTo(new RoutingDecision.Routed(new Route(Queue.SINGLE_AGENCY, "single-agency.referrals.v1",
                        "Fictional Primary School", null), null)));
    }

    @Test
    void laterReferralAboutAChildWithAnOpenCaseGoesToTheAllocatedTeam() {
        OpenCase open = new OpenCase(UUID.randomUUID(), "csc-child-protection-peterborough");
        AllocatedTeams openCase = (authority, caseId, childKey) -> authority.equals("peterborough")
                && childKey.equals("child-key-7") ? Optional.of(open) : Optional.empty();

        shipped.run(context -> assertThat(context.getBean(RoutingTable.class)
                .decide(anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild("child-key-7").build(), openCase))
                .isEqualTo(new RoutingDecision.Routed(new Route(Queue.CSC_ALLOCATED_WORKER, "csc.allocated-worker.v1",
                        "csc-child-protection-peterborough", null), open.caseId())));
    }

    @Test
    void allocatedWorkerOutcomeAsksForTheCaseTriageNamedNotOnlyTheKeyTheChildWasReferredUnder() {
        UUID caseId = UUID.randomUUID();
        AllocatedTeams namedCase = (authority, asked, childKey) -> caseId.equals(asked)
                ? Optional.of(new OpenCase(caseId, "csc-assessments-peterborough")) : Optional.empty();
        TriageOutcomeIssued outcome = anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild("key-never-referred").build();
        outcome.setAllocatedCaseId(caseId);

        shipped.run(context -> assertThat(context.getBean(RoutingTable.class).decide(outcome, namedCase))
                .isEqualTo(new RoutingDecision.Routed(new Route(Queue.CSC_ALLOCATED_WORKER, "csc.allocated-worker.v1",
                        "csc-assessments-peterborough", null), caseId)));
    }

    @Test
    void provisionalSection47IsRoutedAtOnceButOtherProvisionalOutcomesWaitForAWorker() {
        shipped.run(context -> {
            RoutingTable table = context.getBean(RoutingTable.class);

            assertThat(table.decide(anOutcome(SECTION_47_ENQUIRY).provisional().build(), NO_OPEN_CASES))
                    .isInstanceOf(RoutingDecision.Routed.class);
            assertThat(table.decide(anOutcome(SECTION_17_ASSESSMENT).provisional().build(), NO_OPEN_CASES))
                    .isInstanceOf(RoutingDecision.AwaitingDecision.class);
        });
    }

    @Test
    void referralReturnedForConsentGoesBackToTheReferrer() {
        shipped.run(context -> assertThat(context.getBean(RoutingTable.class)
                .decide(anOutcome(RETURNED_FOR_CONSENT).build(), NO_OPEN_CASES))
                .isInstanceOf(RoutingDecision.BackToReferrer.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "UNKNOWN_LOCAL_AUTHORITY, norfolk, EARLY_HELP, NR1 1AA",
            "NO_OPEN_CASE, peterborough, ALLOCATED_SOCIAL_WORKER, PE2 5AB",
            "NO_IDENTIFIED_ORGANISATION, peterborough, SINGLE_AGENCY, PE2 5AB" })
    void outcomeTheShippedTableCannotPlaceIsUnroutableWithItsReason(UnroutableReason reason, String authority,
            OutcomeType outcome, String postcode) {
        shipped.run(context -> assertThat(context.getBean(RoutingTable.class).decide(
                anOutcome(outcome).in(authority).livingAt(postcode).build(),
                NO_OPEN_CASES))
                .isInstanceOfSatisfying(RoutingDecision.Unroutable.class,
                        unroutable -> assertThat(unroutable.reason()).isEqualTo(reason)));
    }

    @Test
    void withoutADefaultLocalityAnUnknownDistrictOrMissingPostcodeIsUnroutable() {
        bare.withPropertyValues(
                "referrals.router.authorities.york.outcomes.SECTION_47_ENQUIRY.queue=csc-child-protection",
                "referrals.router.authorities.york.outcomes.SECTION_47_ENQUIRY.team=csc-york",
                "referrals.router.authorities.york.outcomes.EARLY_HELP.queue=early-help",
                "referrals.router.authorities.york.outcomes.EARLY_HELP.team=early-help-york-{locality}",
                "referrals.router.authorities.york.localities.postcodes.city[0]=YO1")
                .run(context -> {
                    RoutingTable table = context.getBean(RoutingTable.class);

                    assertThat(decide(table, anOutcome(EARLY_HELP).in("york").livingAt("YO1 7AB").build()))
                            .extracting(decision -> ((RoutingDecision.Routed) decision).route().team())
                            .isEqualTo("early-help-york-city");
                    assertThat(decide(table, anOutcome(EARLY_HELP).in("york").livingAt("YO61 1AB").build()))
                            .isEqualTo(new RoutingDecision.Unroutable(UnroutableReason.UNKNOWN_LOCALITY,
                                    "no locality of york for the child's postcode and no default locality"));
                    assertThat(decide(table, anOutcome(EARLY_HELP).in("york").livingAt(null).build()))
                            .extracting(decision -> ((RoutingDecision.Unroutable) decision).reason())
                            .isEqualTo(UnroutableReason.NO_POSTCODE);
                    assertThat(decide(table, anOutcome(SECTION_17_ASSESSMENT).in("york").build()))
                            .extracting(decision -> ((RoutingDecision.Unroutable) decision).reason())
                            .isEqualTo(UnroutableReason.NO_TABLE_ENTRY);
                });
    }

    @Test
    void brokenTableStopsTheRouterStartingWithEveryProblemNamed() {
        bare.withPropertyValues(
                "referrals.router.authorities.peterborough.outcomes.EARLY_HELP.queue=early-help",
                "referrals.router.authorities.peterborough.outcomes.EARLY_HELP.team=early-help-{localty}",
                "referrals.router.authorities.peterborough.outcomes.SINGLE_AGENCY.team=single",
                "referrals.router.authorities.peterborough.outcomes.RETURNED_FOR_CONSENT.queue=early-help",
                "referrals.router.authorities.peterborough.outcomes.RETURNED_FOR_CONSENT.team=t",
                "referrals.router.authorities.peterborough.localities.postcodes.south[0]=PE2",
                "referrals.router.authorities.peterborough.localities.postcodes.north[0]=PE2")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidRoutingTableException.class)
                        .hasMessageContaining("router will not start")
                        .hasMessageContaining("peterborough.outcomes has no entry for SECTION_47_ENQUIRY")
                        .hasMessageContaining("EARLY_HELP.team names {localty}")
                        .hasMessageContaining("SINGLE_AGENCY.queue is missing")
                        .hasMessageContaining("RETURNED_FOR_CONSENT: a referral returned for consent goes back")
                        .hasMessageContaining("PE2 is in both"));
    }

    @Test
    void routerWithNoTableAtAllDoesNotStart() {
        bare.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("referrals.router.authorities is empty"));
    }

    @Test
    void unknownQueueNameStopsTheRouterStarting() {
        bare.withPropertyValues(
                "referrals.router.authorities.peterborough.outcomes.SECTION_47_ENQUIRY.queue=child-protection-queue",
                "referrals.router.authorities.peterborough.outcomes.SECTION_47_ENQUIRY.team=t")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("referrals.router.authorities.peterborough.outcomes"));
    }

    private static RoutingDecision decide(RoutingTable table, TriageOutcomeIssued outcome) {
        return table.decide(outcome, NO_OPEN_CASES);
    }
}
