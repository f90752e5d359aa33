package uk.mash.localstack.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static uk.mash.events.OutcomeType.ALLOCATED_SOCIAL_WORKER;
import static uk.mash.events.OutcomeType.EARLY_HELP;
import static uk.mash.events.OutcomeType.SECTION_17_ASSESSMENT;
import static uk.mash.events.OutcomeType.SECTION_47_ENQUIRY;
import static uk.mash.events.OutcomeType.SINGLE_AGENCY;
import static uk.mash.localstack.routing.TriageOutcomes.anOutcome;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseRouted;
import uk.mash.events.CaseStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.RoutingAction;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineDriver;
import uk.mash.localstack.PipelineService;

/**
 * The router over a real broker, PostgreSQL and registry: every outcome on its queue exactly once across a restart,
 * changed decisions withdrawn and re-routed, unroutable outcomes dead-lettered with their reason, and cases open to
 * Children's Social Care in the case registry.
 */
class RoutingEndToEndTest {

    private static final Duration ROUTED = Duration.ofSeconds(90);

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    private static RouterDriver router() {
        return new RouterDriver(running);
    }

    @Test
    void everyOutcomeIsOnItsQueueExactlyOnceAcrossARouterRestartMidStream() {
        List<TriageOutcomes> first = mixedBatch(12);
        List<TriageOutcomes> whileStopped = mixedBatch(12);
        List<TriageOutcomes> afterRestart = mixedBatch(12);
        Map<UUID, String> expectedQueue = new HashMap<>();
        for (List<TriageOutcomes> batch : List.of(first, whileStopped, afterRestart)) {
            batch.forEach(outcome -> expectedQueue.put(outcome.referralId(), queueOf(outcome.build())));
        }

        router().publish(built(first));
        running.restartAfter(PipelineService.EARLY_HELP_ROUTER, () -> router().publish(built(whileStopped)));
        router().publish(built(afterRestart));
        router().publish(built(first.subList(0, 4)));

        await().atMost(ROUTED).pollInterval(Duration.ofSeconds(1)).until(router()::routerHasConsumedEveryOutcome);
        Map<UUID, List<String>> queuesOf = routedQueuesOf(expectedQueue.keySet());
        assertThat(queuesOf).hasSameSizeAs(expectedQueue).allSatisfy((referralId, queues) -> assertThat(queues)
                .as("referral %s routed once, to its own queue", referralId)
                .containsExactly(expectedQueue.get(referralId)));
    }

    @Test
    void supersedingOutcomeWithdrawsTheCaseFromItsOldQueueAndRoutesItToTheNewOne() {
        TriageOutcomes provisionalS47 = anOutcome(SECTION_47_ENQUIRY).provisional();
        TriageOutcomes confirmedS47 = provisionalS47.supersededBy(SECTION_47_ENQUIRY);
        TriageOutcomes earlyHelp = confirmedS47.supersededBy(EARLY_HELP).livingAt("PE1 2AB");
        UUID referralId = provisionalS47.referralId();

        router().publish(provisionalS47.build(), confirmedS47.build(), earlyHelp.build(), confirmedS47.build());

        await().atMost(ROUTED).pollInterval(Duration.ofSeconds(1)).until(router()::routerHasConsumedEveryOutcome);
        List<CaseRouted> earlyHelpCases = router().casesOf(referralId, "early-help.cases.v1");
        assertThat(earlyHelpCases).singleElement().satisfies(routed -> {
            assertThat(routed.getAction()).isEqualTo(RoutingAction.ROUTED);
            assertThat(routed.getOutcomeVersion()).isEqualTo(3);
            assertThat(routed.getTeam()).isEqualTo("early-help-peterborough-central-and-east");
            assertThat(routed.getLocality()).isEqualTo("central-and-east");
        });
        List<CaseRouted> childProtection = router().casesOf(referralId, "csc.child-protection.v1");
        assertThat(childProtection).extracting(CaseRouted::getAction)
                .as("routed at once as a provisional section 47; its confirmation changes nothing; then withdrawn")
                .containsExactly(RoutingAction.ROUTED, RoutingAction.WITHDRAWN);
        assertThat(childProtection).extracting(CaseRouted::getOutcomeVersion, CaseRouted::getTeam)
                .containsOnly(tuple(1, "csc-child-protection-peterborough"));
        assertThat(router().registryOf(referralId)).extracting(CaseRegistryChanged::getStatus)
                .as("the case the section 47 opened is closed when the decision changes to Early Help")
                .containsExactly(CaseStatus.OPEN, CaseStatus.CLOSED);
    }

    @Test
    void unroutableOutcomeIsDeadLetteredWithItsReasonAndCounted() {
        TriageOutcomes norfolk = anOutcome(EARLY_HELP).in("norfolk").livingAt("NR1 1AA");

        router().publish(norfolk.build());

        ConsumerRecord<String, TriageOutcomeIssued> deadLetter = await().atMost(ROUTED)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> driver().<TriageOutcomeIssued>readAll(RouterDriver.UNROUTABLE).stream()
                        .filter(r -> r.value().getReferralId().equals(norfolk.referralId())).toList(),
                        found -> !found.isEmpty())
                .get(0);
        assertThat(deadLetter.key()).isEqualTo(norfolk.referralId().toString());
        assertThat(PipelineDriver.header(deadLetter, "referrals_unroutable-reason"))
                .isEqualTo("UNKNOWN_LOCAL_AUTHORITY");
        assertThat(PipelineDriver.header(deadLetter, "kafka_dlt-exception-message"))
                .contains("no routing table for norfolk")
                .doesNotContain("Fictional", "NR1");
        assertThat(PipelineDriver.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(RouterDriver.OUTCOMES);
        assertThat(routedQueuesOf(Set.of(norfolk.referralId()))).as("on no queue").isEmpty();
        assertThat(unroutableCount("unknown-local-authority")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void deadLetteredOutcomeRepublishedOnceItCanBeRoutedIsRouted() {
        TriageOutcomes beforeTheCaseIsKnown = anOutcome(ALLOCATED_SOCIAL_WORKER).forAllocatedWorker("Jo Social Worker");
        TriageOutcomeIssued outcome = beforeTheCaseIsKnown.build();
        router().publish(outcome);
        await().atMost(ROUTED).pollInterval(Duration.ofSeconds(1))
                .until(() -> driver().<TriageOutcomeIssued>readAll(RouterDriver.UNROUTABLE).stream()
                        .filter(r -> r.value().getReferralId().equals(beforeTheCaseIsKnown.referralId()))
                        .map(r -> PipelineDriver.header(r, "referrals_unroutable-reason")).toList(),
                        reasons -> reasons.equals(List.of("NO_OPEN_CASE")));

        TriageOutcomes protection = anOutcome(SECTION_47_ENQUIRY).aboutChild(beforeTheCaseIsKnown.childKey());
        router().publish(protection.build());
        await().atMost(ROUTED).until(() -> router().registryOf(protection.referralId()), entries -> !entries.isEmpty());
        router().publish(outcome);

        assertThat(await().atMost(ROUTED).until(
                () -> router().casesOf(beforeTheCaseIsKnown.referralId(), "csc.allocated-worker.v1"),
                cases -> !cases.isEmpty()))
                .singleElement()
                .satisfies(routed -> assertThat(routed.getTeam()).isEqualTo("csc-child-protection-peterborough"));
    }

    @Test
    void caseRoutedToChildrensSocialCareIsOpenInTheRegistryAndTakesLaterReferralsToItsAllocatedWorker() {
        TriageOutcomes assessment = anOutcome(SECTION_17_ASSESSMENT);
        router().publish(assessment.build());

        CaseRegistryChanged opened = await().atMost(ROUTED).pollInterval(Duration.ofSeconds(1))
                .until(() -> router().registryOf(assessment.referralId()), entries -> !entries.isEmpty()).get(0);
        assertThat(opened.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(opened.getAllocatedTeam()).isEqualTo("csc-assessment-peterborough");
        assertThat(opened.getChildKey()).isEqualTo(assessment.childKey());
        assertThat(opened.getAllocatedSocialWorker()).isNull();

        assertThat(router().allocate(opened.getCaseId(), "Jo Social Worker", DemoClients.SCHOOL.apiKey())
                .statusCode()).as("an agency cannot allocate").isEqualTo(403);
        HttpResponse<String> namedTwice = router().allocateWith(opened.getCaseId(), """
                {"socialWorker": "Sam Other Worker", "socialWorker": "Jo Social Worker"}""",
                DemoClients.MASH_WORKER.apiKey());
        assertThat(namedTwice.statusCode()).as("not the second named, as Jackson would read it").isEqualTo(400);
        assertThat(namedTwice.body()).contains("\"code\":\"REPEATED_FIELD\"", "\"field\":\"socialWorker\"")
                .doesNotContain("Sam Other Worker");
        HttpResponse<String> allocated = router().allocate(opened.getCaseId(), "Jo Social Worker",
                DemoClients.MASH_WORKER.apiKey());
        assertThat(allocated.statusCode()).isEqualTo(200);
        assertThat(allocated.body()).contains("Jo Social Worker").doesNotContain("Fictional");
        UUID unknownCase = UUID.randomUUID();
        assertThat(router().allocate(unknownCase, "Jo Social Worker", DemoClients.MASH_WORKER.apiKey())
                .statusCode()).isEqualTo(404);
        assertThat(router().allocate(opened.getCaseId(), "Jo Social Worker", DemoClients.MASH_WORKER.apiKey())
                .statusCode()).as("allocated again to the same worker").isEqualTo(200);
        assertThat(running.driver().query("select action from router.audit_event where reason like ?",
                "%" + unknownCase + "%")).as("a refused attempt is in the audit trail")
                .containsExactly("CASE_ALLOCATION_REFUSED");
        assertThat(running.driver().query("select action from router.audit_event where reason like ?",
                "case " + opened.getCaseId() + " already allocated%")).containsExactly("CASE_ALLOCATION_UNCHANGED");
        assertThat(await().atMost(ROUTED).until(() -> router().registryOf(assessment.referralId()), e -> e.size() == 2)
                .get(1).getAllocatedSocialWorker()).isEqualTo("Jo Social Worker");

        TriageOutcomes laterReferral = anOutcome(ALLOCATED_SOCIAL_WORKER).aboutChild(assessment.childKey())
                .forAllocatedWorker("Jo Social Worker");
        router().publish(laterReferral.build());
        assertThat(await().atMost(ROUTED).until(
                () -> router().casesOf(laterReferral.referralId(), "csc.allocated-worker.v1"),
                cases -> !cases.isEmpty()))
                .singleElement()
                .satisfies(routed -> {
                    assertThat(routed.getTeam()).isEqualTo("csc-assessment-peterborough");
                    assertThat(routed.getAllocatedSocialWorker()).isEqualTo("Jo Social Worker");
                });
    }

    private static List<TriageOutcomes> mixedBatch(int size) {
        List<OutcomeType> kinds = List.of(EARLY_HELP, SECTION_17_ASSESSMENT, SECTION_47_ENQUIRY, SINGLE_AGENCY);
        String[] postcodes = { "PE1 2AB", "PE2 5AB", "PE4 6AB", "LE15 6AB" };
        List<TriageOutcomes> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(anOutcome(kinds.get(i % kinds.size())).livingAt(postcodes[(i / kinds.size()) % 4]));
        }
        return batch;
    }

    private static List<TriageOutcomeIssued> built(List<TriageOutcomes> outcomes) {
        return outcomes.stream().map(TriageOutcomes::build).toList();
    }

    private static String queueOf(TriageOutcomeIssued outcome) {
        return switch (outcome.getOutcome()) {
            case EARLY_HELP -> "early-help.cases.v1";
            case SECTION_17_ASSESSMENT -> "csc.assessments.v1";
            case SECTION_47_ENQUIRY -> "csc.child-protection.v1";
            case SINGLE_AGENCY -> "single-agency.referrals.v1";
            default -> throw new IllegalArgumentException(outcome.getOutcome().name());
        };
    }

    /** For each of these referrals found on any queue: the queue of every ROUTED record about it. */
    private static Map<UUID, List<String>> routedQueuesOf(Set<UUID> referralIds) {
        Map<UUID, List<String>> queues = new HashMap<>();
        for (String queue : RouterDriver.QUEUES) {
            for (ConsumerRecord<String, CaseRouted> record : driver().<CaseRouted>readAll(queue)) {
                if (referralIds.contains(record.value().getReferralId())
                        && record.value().getAction() == RoutingAction.ROUTED) {
                    queues.computeIfAbsent(record.value().getReferralId(), id -> new ArrayList<>()).add(queue);
                }
            }
        }
        return queues;
    }

    private static double unroutableCount(String reason) {
        Matcher matcher = Pattern.compile("referrals_router_unroutable_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*} ([0-9.E]+)").matcher(router().metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
