package uk.mash.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.events.OutcomeType.ALLOCATED_SOCIAL_WORKER;
import static uk.mash.events.OutcomeType.EARLY_HELP;
import static uk.mash.events.OutcomeType.RETURNED_FOR_CONSENT;
import static uk.mash.events.OutcomeType.SECTION_17_ASSESSMENT;
import static uk.mash.events.OutcomeType.SECTION_47_ENQUIRY;
import static uk.mash.events.Priority.IMMEDIATE;
import static uk.mash.events.Priority.ROUTINE;
import static uk.mash.events.Priority.URGENT;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseRouted;
import uk.mash.events.CaseStatus;
import uk.mash.events.Priority;
import uk.mash.events.RoutingAction;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.serde.StoredEvents;
import uk.mash.platform.testing.Outcomes;
import uk.mash.platform.testing.ServiceDatabase;
import uk.mash.platform.topics.TopicCatalogue;
import uk.mash.router.RouterSettings;
import uk.mash.router.registry.CaseRegistry;

/**
 * The router's decisions over real PostgreSQL with the shipped routing table: what each outcome version sends, and
 * that nothing is sent twice.
 */
class CaseRouterTest {

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("router");
    private static JdbcTemplate jdbc;

    private final AtomicLong offsets = new AtomicLong();
    private RouterSettings settings;
    private TopicCatalogue topics;
    private MeterRegistry meters;
    private CaseRegistry registry;
    private CaseRouter router;

    @BeforeAll
    static void connect() {
        jdbc = database.jdbc();
    }

    @BeforeEach
    void router() throws IOException {
        Binder shipped = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("router", new ClassPathResource("application.yml"))));
        settings = shipped.bindOrCreate("referrals.router", RouterSettings.class);
        topics = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("referrals.topics", TopicCatalogue.class);
        Clock clock = Clock.systemUTC();
        meters = new SimpleMeterRegistry();
        registry = new CaseRegistry(jdbc, new AuditTrail(jdbc, clock), clock);
        router = routerAt(clock);
    }

    private CaseRouter routerAt(Clock clock) {
        return new CaseRouter(new RoutingTable(settings, topics), new RoutingRecords(jdbc), registry,
                new UnroutableOutcomes(meters), new AuditTrail(jdbc, clock), settings, topics, clock, meters);
    }

    @Test
    void redeliveryFromTheSamePositionResendsExactlyTheSameRecords() {
        TriageOutcomeIssued s47 = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-redelivered").build();

        List<Outgoing> first = router.route(s47, 0, 41);
        List<Outgoing> again = router.route(s47, 0, 41);

        assertThat(first).extracting(Outgoing::topic)
                .containsExactly("csc.child-protection.v1", "csc.case-registry.v1");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void sameOutcomeFromAnotherPositionSendsNothing() {
        TriageOutcomeIssued earlyHelp = anOutcome(EARLY_HELP).build();
        route(earlyHelp);

        assertThat(route(earlyHelp)).isEmpty();
    }

    @Test
    void supersedingOutcomeForAnotherQueueWithdrawsTheOldCaseThenRoutesTheNewOne() {
        Outcomes v1 = anOutcome(EARLY_HELP).livingAt("PE2 5AB").aboutChild("child-superseded");
        CaseRouted routed = (CaseRouted) route(v1.build()).get(0).value();

        List<Outgoing> sent = route(v1.then(SECTION_17_ASSESSMENT).build());

        assertThat(sent).extracting(Outgoing::topic)
                .containsExactly("early-help.cases.v1", "csc.assessments.v1", "csc.case-registry.v1");
        CaseRouted withdrawn = (CaseRouted) sent.get(0).value();
        assertThat(withdrawn.getAction()).isEqualTo(RoutingAction.WITHDRAWN);
        assertThat(withdrawn.getTeam()).isEqualTo("early-help-peterborough-south");
        assertThat(withdrawn.getOutcomeVersion()).as("the case as it was routed").isEqualTo(1);
        assertThat(withdrawn.getEventId()).isNotEqualTo(routed.getEventId());
        CaseRouted rerouted = (CaseRouted) sent.get(1).value();
        assertThat(rerouted.getAction()).isEqualTo(RoutingAction.ROUTED);
        assertThat(rerouted.getOutcomeVersion()).isEqualTo(2);
        assertThat(rerouted.getTeam()).isEqualTo("csc-assessment-peterborough");
        assertThat(decisionOf(v1, 2)).isEqualTo("REROUTED");
    }

    @Test
    void theRouteInForceRefersToTheRoutedCaseTheRoutingRecordKeepsRatherThanCopyingIt() {
        TriageOutcomeIssued earlyHelp = anOutcome(EARLY_HELP).aboutChild("child-case-kept-once").build();
        route(earlyHelp);

        assertThat(jdbc.queryForObject("select event is null and seq is not null from referral_route "
                + "where referral_id = ?", Boolean.class, earlyHelp.getReferralId())).isTrue();
    }

    @Test
    void aRouteWrittenWithItsOwnCopyOfTheCaseStillWithdrawsThatCase() {
        Outcomes v1 = anOutcome(EARLY_HELP).livingAt("PE2 5AB").aboutChild("child-route-with-copy");
        CaseRouted routed = (CaseRouted) route(v1.build()).get(0).value();
        CaseRouted copy = CaseRouted.newBuilder(routed).setTeam("early-help-team-of-the-copy").build();
        jdbc.update("update referral_route set seq = null, event = ? where referral_id = ?", StoredEvents.encode(copy),
                routed.getReferralId());

        List<Outgoing> sent = route(v1.then(SECTION_17_ASSESSMENT).build());

        CaseRouted withdrawn = (CaseRouted) sent.get(0).value();
        assertThat(withdrawn.getAction()).isEqualTo(RoutingAction.WITHDRAWN);
        assertThat(withdrawn.getTeam()).isEqualTo("early-help-team-of-the-copy");
    }

    @Test
    void confirmationAtTheSamePrioritySendsNothing() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-confirmed");
        route(at(URGENT, provisional.build()));

        assertThat(route(at(URGENT, provisional.then(SECTION_47_ENQUIRY).build()))).isEmpty();
        assertThat(decisionOf(provisional, 2)).isEqualTo("UNCHANGED");
    }

    @Test
    void immediateRiskFoundByAWorkerReachesTheChildProtectionTeamWithItsDeadline() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-immediate-risk-found");
        CaseRouted urgent = (CaseRouted) route(at(URGENT, provisional.build())).get(0).value();

        List<Outgoing> sent = route(at(IMMEDIATE, provisional.then(SECTION_47_ENQUIRY).build()));

        assertThat(sent).singleElement().satisfies(out -> assertThat(out.topic()).isEqualTo("csc.child-protection.v1"));
        CaseRouted immediate = (CaseRouted) sent.get(0).value();
        assertThat(immediate.getAction()).isEqualTo(RoutingAction.ROUTED);
        assertThat(immediate.getOutcomeVersion()).isEqualTo(2);
        assertThat(immediate.getTeam()).isEqualTo(urgent.getTeam());
        assertThat(immediate.getPriority()).isEqualTo(IMMEDIATE);
        assertThat(immediate.getDeadline()).isEqualTo(immediate.getRoutedAt().plus(Duration.ofHours(4)))
                .isBefore(urgent.getDeadline());
        assertThat(decisionOf(provisional, 2)).isEqualTo("ESCALATED");
        assertThat(versionInForce(provisional)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'CASE_ESCALATED' and "
                + "referral_id = ?", Integer.class, urgent.getReferralId())).isOne();
    }

    @Test
    void immediateRiskFoundLateKeepsTheEarlierDeadlineTheTeamAlreadyHas() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-immediate-risk-late");
        CaseRouted urgent = (CaseRouted) route(at(URGENT, provisional.build())).get(0).value();
        CaseRouter hoursLater = routerAt(Clock.offset(Clock.systemUTC(), Duration.ofHours(23)));

        List<Outgoing> sent = hoursLater.route(at(IMMEDIATE, provisional.then(SECTION_47_ENQUIRY).build()), 0,
                offsets.incrementAndGet());

        CaseRouted immediate = (CaseRouted) sent.get(0).value();
        assertThat(immediate.getPriority()).isEqualTo(IMMEDIATE);
        assertThat(immediate.getDeadline()).isEqualTo(urgent.getDeadline());
    }

    @Test
    void confirmationAtALowerPriorityNeverRelaxesTheTeamsDeadline() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-priority-lowered");
        route(at(IMMEDIATE, provisional.build()));

        assertThat(route(at(URGENT, provisional.then(SECTION_47_ENQUIRY).build()))).isEmpty();
        assertThat(decisionOf(provisional, 2)).isEqualTo("UNCHANGED");
        assertThat(versionInForce(provisional)).isEqualTo(1);
    }

    @Test
    void immediateRiskFoundForTheAllocatedSocialWorkerReachesTheirTeamWithItsDeadline() {
        UUID caseId = ((CaseRegistryChanged) route(anOutcome(SECTION_47_ENQUIRY).aboutChild("child-worker-risk")
                .build()).get(1).value()).getCaseId();
        registry.allocate(caseId, "Sam Worker");
        Outcomes toTheWorkersTeam = anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild("child-worker-risk");
        TriageOutcomeIssued routine = at(ROUTINE, toTheWorkersTeam.build());
        routine.setAllocatedCaseId(caseId);
        route(routine);
        TriageOutcomeIssued immediate = at(IMMEDIATE, toTheWorkersTeam.then(ALLOCATED_SOCIAL_WORKER).build());
        immediate.setAllocatedCaseId(caseId);

        List<Outgoing> sent = route(immediate);

        assertThat(sent).extracting(Outgoing::topic).containsExactly("csc.allocated-worker.v1");
        CaseRouted toTheWorker = (CaseRouted) sent.get(0).value();
        assertThat(toTheWorker.getPriority()).isEqualTo(IMMEDIATE);
        assertThat(toTheWorker.getDeadline()).isEqualTo(toTheWorker.getRoutedAt().plus(Duration.ofHours(4)));
    }

    @Test
    void raisedPriorityIsSentOnceAndResentAlikeOnRedelivery() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-raised-redelivered");
        route(at(URGENT, provisional.build()));
        TriageOutcomeIssued confirmed = at(IMMEDIATE, provisional.then(SECTION_47_ENQUIRY).build());

        List<Outgoing> first = router.route(confirmed, 0, 900);

        assertThat(router.route(confirmed, 0, 900)).isEqualTo(first).hasSize(1);
        assertThat(router.route(confirmed, 1, 901)).as("a duplicate from another position").isEmpty();
    }

    @Test
    void caseSentAgainAtARaisedPriorityIsTheOneWithdrawnWhenTheDecisionChanges() {
        Outcomes provisional = anOutcome(SECTION_47_ENQUIRY).provisional().livingAt("PE2 5AB")
                .aboutChild("child-raised-then-withdrawn");
        route(at(URGENT, provisional.build()));
        Outcomes confirmed = provisional.then(SECTION_47_ENQUIRY);
        route(at(IMMEDIATE, confirmed.build()));

        List<Outgoing> sent = route(confirmed.then(EARLY_HELP).build());

        CaseRouted withdrawn = (CaseRouted) sent.get(0).value();
        assertThat(withdrawn.getAction()).isEqualTo(RoutingAction.WITHDRAWN);
        assertThat(withdrawn.getOutcomeVersion()).isEqualTo(2);
        assertThat(withdrawn.getPriority()).isEqualTo(IMMEDIATE);
    }

    @Test
    void olderOutcomeAfterANewerOneRoutesNothing() {
        Outcomes v1 = anOutcome(EARLY_HELP).aboutChild("child-stale");
        TriageOutcomeIssued first = v1.build();
        route(first);
        route(v1.then(SECTION_17_ASSESSMENT).build());

        assertThat(router.route(first, 1, offsets.incrementAndGet())).isEmpty();
        assertThat(router.route(anOutcome(EARLY_HELP).build(), 2, offsets.incrementAndGet())).isNotEmpty();
    }

    @Test
    void decisionThatDoesNotStandYetTakesNothingOffAQueue() {
        Outcomes v1 = anOutcome(EARLY_HELP).aboutChild("child-provisional");
        route(v1.build());
        Outcomes v2 = v1.then(SECTION_17_ASSESSMENT).provisional();

        assertThat(route(v2.build())).isEmpty();
        assertThat(route(v2.then(SECTION_17_ASSESSMENT).build())).extracting(Outgoing::topic)
                .as("confirmed, it withdraws the Early Help case routed for v1")
                .containsExactly("early-help.cases.v1", "csc.assessments.v1", "csc.case-registry.v1");
    }

    @Test
    void returnedForConsentWithdrawsTheCaseAndClosesTheCaseItOpened() {
        Outcomes s47 = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-returned");
        route(s47.build());

        List<Outgoing> sent = route(s47.then(RETURNED_FOR_CONSENT).build());

        assertThat(sent).extracting(Outgoing::topic).containsExactly("csc.child-protection.v1", "csc.case-registry.v1");
        assertThat(((CaseRouted) sent.get(0).value()).getAction()).isEqualTo(RoutingAction.WITHDRAWN);
        assertThat(((CaseRegistryChanged) sent.get(1).value()).getStatus()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void secondReferralAboutAChildWithAnOpenCaseOpensNoSecondCase() {
        route(anOutcome(SECTION_17_ASSESSMENT).aboutChild("child-twice").build());

        assertThat(route(anOutcome(SECTION_47_ENQUIRY).aboutChild("child-twice").build()))
                .extracting(Outgoing::topic).containsExactly("csc.child-protection.v1");
    }

    @Test
    void allocatedWorkerOutcomeReachesTheCaseTriageNamedWhateverKeyTheChildWasReferredUnder() {
        List<Outgoing> opened = route(anOutcome(SECTION_47_ENQUIRY).aboutChild("child-by-nhs-number").build());
        CaseRegistryChanged openCase = (CaseRegistryChanged) opened.get(1).value();
        TriageOutcomeIssued later = anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild("child-by-demographics").build();
        later.setAllocatedCaseId(openCase.getCaseId());

        List<Outgoing> sent = route(later);

        assertThat(sent).extracting(Outgoing::topic).containsExactly("csc.allocated-worker.v1");
        assertThat(((CaseRouted) sent.get(0).value()).getTeam()).isEqualTo(openCase.getAllocatedTeam());
    }

    @Test
    void caseNamedInAnotherAuthorityDoesNotTakeAReferralToIt() {
        List<Outgoing> opened = route(anOutcome(SECTION_47_ENQUIRY).aboutChild("child-over-the-border").build());
        TriageOutcomeIssued elsewhere = anOutcome(ALLOCATED_SOCIAL_WORKER).in("cambridgeshire")
                .aboutChild("child-over-the-border").build();
        elsewhere.setAllocatedCaseId(((CaseRegistryChanged) opened.get(1).value()).getCaseId());

        assertThat(route(elsewhere)).singleElement().satisfies(deadLetter -> assertThat(deadLetter.unrouted().reason())
                .isEqualTo(UnroutableReason.NO_OPEN_CASE));
    }

    @Test
    void caseIsHandedToAnotherReferralStillWithChildrensSocialCareWhenTheOneThatOpenedItLeaves() {
        Outcomes opener = anOutcome(SECTION_17_ASSESSMENT).livingAt("PE2 5AB").aboutChild("child-two-referrals");
        UUID caseId = ((CaseRegistryChanged) route(opener.build()).get(1).value()).getCaseId();
        Outcomes later = anOutcome(SECTION_47_ENQUIRY).aboutChild("child-two-referrals");
        route(later.build());

        List<Outgoing> sent = route(opener.then(EARLY_HELP).build());

        assertThat(sent).extracting(Outgoing::topic)
                .containsExactly("csc.assessments.v1", "early-help.cases.v1", "csc.case-registry.v1");
        CaseRegistryChanged handedOver = (CaseRegistryChanged) sent.get(2).value();
        assertThat(handedOver.getCaseId()).isEqualTo(caseId);
        assertThat(handedOver.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(handedOver.getOpenedByReferralId()).isEqualTo(later.build().getReferralId());
        assertThat(handedOver.getAllocatedTeam()).isEqualTo("csc-child-protection-peterborough");
        assertThat(route(later.then(RETURNED_FOR_CONSENT).build())).extracting(Outgoing::value)
                .filteredOn(CaseRegistryChanged.class::isInstance).singleElement()
                .satisfies(closed -> assertThat(((CaseRegistryChanged) closed).getStatus())
                        .isEqualTo(CaseStatus.CLOSED));
    }

    @Test
    void referralWithTheAllocatedSocialWorkerKeepsTheCaseAndItsWorkerWhenTheOneThatOpenedItLeaves() {
        Outcomes opener = anOutcome(SECTION_47_ENQUIRY).livingAt("PE2 5AB").aboutChild("child-with-a-worker");
        UUID caseId = ((CaseRegistryChanged) route(opener.build()).get(1).value()).getCaseId();
        registry.allocate(caseId, "Sam Worker");
        TriageOutcomeIssued withTheWorker = anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild("child-by-demographics")
                .build();
        withTheWorker.setAllocatedCaseId(caseId);
        route(withTheWorker);

        List<Outgoing> sent = route(opener.then(EARLY_HELP).build());

        CaseRegistryChanged handedOver = (CaseRegistryChanged) sent.get(2).value();
        assertThat(handedOver.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(handedOver.getOpenedByReferralId()).isEqualTo(withTheWorker.getReferralId());
        assertThat(handedOver.getAllocatedTeam()).isEqualTo("csc-child-protection-peterborough");
        assertThat(handedOver.getAllocatedSocialWorker()).isEqualTo("Sam Worker");
    }

    @Test
    void unroutableOutcomeIsDeadLetteredWithItsReasonCountedAndResentAlikeOnRedelivery() {
        TriageOutcomeIssued norfolk = anOutcome(EARLY_HELP).in("norfolk").build();

        List<Outgoing> sent = router.route(norfolk, 2, 77);

        assertThat(sent).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("triage.outcomes.v1-dlt");
            assertThat(deadLetter.value()).isEqualTo(norfolk);
            assertThat(deadLetter.unrouted()).isEqualTo(new Outgoing.Unrouted(
                    UnroutableReason.UNKNOWN_LOCAL_AUTHORITY, "no routing table for norfolk", "triage.outcomes.v1",
                    2, 77));
        });
        assertThat(meters.counter(UnroutableOutcomes.METRIC, "reason", "unknown-local-authority").count())
                .isEqualTo(1.0);
        assertThat(router.route(norfolk, 2, 77)).isEqualTo(sent);
        assertThat(meters.counter(UnroutableOutcomes.METRIC, "reason", "unknown-local-authority").count())
                .isEqualTo(1.0);
    }

    @Test
    void outcomesOfOneReferralInOnePollSeeTheRoutingDoneBeforeThemInIt() {
        Outcomes v1 = anOutcome(EARLY_HELP).aboutChild("child-one-poll");
        TriageOutcomeIssued first = v1.build();
        TriageOutcomeIssued second = v1.then(SECTION_17_ASSESSMENT).build();

        List<List<Outgoing>> sent = inOnePoll(List.of(second, first, second, second), () -> List.of(
                router.route(second, 0, 500), router.route(first, 0, 501), router.route(second, 0, 500),
                router.route(second, 1, 502)));

        assertThat(sent.get(0)).extracting(Outgoing::topic).containsExactly("csc.assessments.v1",
                "csc.case-registry.v1");
        assertThat(sent.get(1)).as("older than v2, routed earlier in the poll").isEmpty();
        assertThat(sent.get(2)).as("a redelivery in the same poll").isEqualTo(sent.get(0));
        assertThat(sent.get(3)).as("a duplicate from another position").isEmpty();
        assertThat(decisionOf(v1, 1)).isEqualTo("STALE");
        assertThat(decisionOf(v1, 2)).isEqualTo("ROUTED");
    }

    @Test
    void pollReadsWhatEarlierPollsRoutedForAllItsReferralsAtOnce() {
        Outcomes earlyHelp = anOutcome(EARLY_HELP).livingAt("PE2 5AB").aboutChild("child-read-at-once");
        route(earlyHelp.build());
        Outcomes s47 = anOutcome(SECTION_47_ENQUIRY).provisional().aboutChild("child-read-at-once-too");
        route(s47.build());
        TriageOutcomeIssued superseding = earlyHelp.then(SECTION_17_ASSESSMENT).build();
        TriageOutcomeIssued returned = s47.then(RETURNED_FOR_CONSENT).build();
        TriageOutcomeIssued another = anOutcome(EARLY_HELP).aboutChild("child-read-at-once-also").build();

        List<List<Outgoing>> sent = inOnePoll(List.of(superseding, returned, another), () -> List.of(
                router.route(superseding, 0, 600), router.route(returned, 0, 601), router.route(another, 0, 602)));

        assertThat(sent.get(0)).extracting(Outgoing::topic).as("withdrawn from the route read for the poll")
                .containsExactly("early-help.cases.v1", "csc.assessments.v1", "csc.case-registry.v1");
        assertThat(sent.get(1)).extracting(Outgoing::topic).as("the case it opened, read for the poll, closed")
                .containsExactly("csc.child-protection.v1", "csc.case-registry.v1");
        assertThat(((CaseRegistryChanged) sent.get(1).get(1).value()).getStatus()).isEqualTo(CaseStatus.CLOSED);
        assertThat(sent.get(2)).extracting(Outgoing::topic).containsExactly("early-help.cases.v1");
        assertThat(decisionOf(earlyHelp, 2)).isEqualTo("REROUTED");
    }

    @Test
    void aRoutePlacedEarlierInThePollIsMovedAndThenWithdrawnByLaterOutcomesInIt() {
        Outcomes earlyHelp = anOutcome(EARLY_HELP).livingAt("PE2 5AB").aboutChild("child-moved-in-one-poll");
        Outcomes assessment = earlyHelp.then(SECTION_17_ASSESSMENT);
        TriageOutcomeIssued returned = assessment.then(RETURNED_FOR_CONSENT).build();

        List<List<Outgoing>> sent = inOnePoll(List.of(earlyHelp.build(), assessment.build(), returned),
                () -> List.of(route(earlyHelp.build()), route(assessment.build()), route(returned)));

        assertThat(sent.get(1)).extracting(Outgoing::topic).as("withdrawn from the route placed earlier in the poll")
                .containsExactly("early-help.cases.v1", "csc.assessments.v1", "csc.case-registry.v1");
        assertThat(sent.get(2)).extracting(Outgoing::topic)
                .containsExactly("csc.assessments.v1", "csc.case-registry.v1");
        assertThat(jdbc.queryForObject("select count(*) from referral_route where referral_id = ?", Integer.class,
                returned.getReferralId())).isZero();
        assertThat(decisionOf(earlyHelp, 1)).isEqualTo("ROUTED");
        assertThat(decisionOf(earlyHelp, 2)).isEqualTo("REROUTED");
        assertThat(decisionOf(earlyHelp, 3)).isEqualTo("WITHDRAWN");
    }

    /** As the outcome listener handles a poll: one transaction, the poll's reads first. */
    private List<List<Outgoing>> inOnePoll(List<TriageOutcomeIssued> poll, Supplier<List<List<Outgoing>>> routing) {
        return database.transaction().execute(status -> {
            router.prepare(poll);
            return routing.get();
        });
    }

    private List<Outgoing> route(TriageOutcomeIssued outcome) {
        return router.route(outcome, 0, offsets.incrementAndGet());
    }

    private static TriageOutcomeIssued at(Priority priority, TriageOutcomeIssued outcome) {
        outcome.setPriority(priority);
        return outcome;
    }

    private static int versionInForce(Outcomes outcomes) {
        return jdbc.queryForObject("select outcome_version from referral_route where referral_id = ?", Integer.class,
                outcomes.build().getReferralId());
    }

    private static String decisionOf(Outcomes outcomes, int version) {
        TriageOutcomeIssued any = outcomes.build();
        return jdbc.queryForObject("select decision from routing where referral_id = ? and outcome_version = ?",
                String.class, any.getReferralId(), version);
    }
}
