package uk.mash.localstack.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineDriver;
import uk.mash.localstack.PipelineService;
import uk.mash.localstack.ReferralSubmissions;

/**
 * MASH triage in the whole pipeline over a real Kafka broker, PostgreSQL and the schema registry: outcomes and tasks
 * issued once however often a referral arrives, concerns from three agencies about one child collated for a MASH
 * worker, a child with an allocated social worker sent to that worker, a worker's decision issued once, and the
 * indicator catalogue published to agency systems.
 */
class TriageEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);
    private static final String OUTCOMES = "triage.outcomes.v1";
    private static final String TASKS = "triage.tasks.v1";

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    @Test
    void outcomeAndTaskAreIssuedOnceWhenTheSameReferralIsReceivedTwice() {
        UUID referralId = UUID.randomUUID();
        ReferralReceived received = TriageInputs.received(aReferral().from(DemoClients.SCHOOL)
                .aboutChild("Twice", null).withIndicators("PARENTAL_ISSUES_SIGNIFICANT_RISK"), referralId);

        driver().publish("referrals.received.v1", received.getChildKey(), received, received);

        TriageOutcomeIssued outcome = await().atMost(PIPELINE)
                .until(() -> outcomesOf(referralId), list -> !list.isEmpty()).get(0);
        assertThat(outcomesOf(referralId)).hasSize(1);
        assertThat(tasksOf(referralId)).singleElement()
                .satisfies(task -> assertThat(task.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME));
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);
        assertThat(outcome.getStatus()).as("nothing at Level 3 stands without a MASH worker")
                .isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getRulePackId()).isEqualTo("cambridgeshire-peterborough-2018");
        assertThat(outcome.getRulePackVersion()).isEqualTo("1.1.0");
        assertThat(outcome.getReasons()).extracting(DecisionReason::getRuleId)
                .containsExactly("level-3-section-17", "early-help-expected-first", "level-of-need");
    }

    @Test
    void threeReferralsFromDifferentAgenciesAboutOneChildAreCollatedForAMashWorker() {
        String child = "Collated" + System.nanoTime();
        List<String> agencies = List.of("SCHOOL-0001", "POLICE-0001", "HEALTH-0001");
        for (String agency : agencies) {
            driver().publish("referrals.submitted.v1", agency,
                    aReferral().from(agency).aboutChild(child, null).build());
        }

        List<TriageOutcomeIssued> outcomes = await().atMost(PIPELINE)
                .until(() -> outcomesAbout(child), list -> list.size() == 3);

        List<TriageOutcomeIssued> collated = outcomes.stream()
                .filter(o -> o.getReasons().stream().anyMatch(r -> r.getRuleId().equals("collated-concerns")))
                .toList();
        assertThat(collated).as("only the third referral, when three agencies have raised concerns")
                .singleElement().satisfies(outcome -> {
                    assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
                    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
                    DecisionReason reason = outcome.getReasons().stream()
                            .filter(r -> r.getRuleId().equals("collated-concerns")).findFirst().orElseThrow();
                    assertThat(reason.getMatchedFacts())
                            .containsExactly("3 referrals from 3 different agencies about this child within 30 days");
                    assertThat(reason.getCitation()).contains("seed 002", "when taken together might indicate a risk "
                            + "of significant harm");
                    assertThat(tasksOf(outcome.getReferralId())).singleElement().satisfies(
                            task -> assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_COLLATED_CONCERNS));
                });
        assertThat(outcomes).filteredOn(o -> !collated.contains(o)).allSatisfy(outcome -> {
            assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
            assertThat(tasksOf(outcome.getReferralId())).isEmpty();
        });

        UUID reviewed = collated.get(0).getReferralId();
        JsonNode task = openTask(reviewed);
        HttpResponse<String> confirmed = post("/api/v1/tasks/" + task.get("taskId").asText() + "/decision",
                "{\"decision\": \"CONFIRM\", \"reason\": \"Checked with all three agencies: Early Help fits.\", "
                        + "\"outcomeVersion\": 1}",
                DemoClients.MASH_WORKER.apiKey());
        assertThat(confirmed.statusCode()).isEqualTo(201);
        TriageOutcomeIssued version2 = await().atMost(PIPELINE)
                .until(() -> outcomesOf(reviewed), list -> list.size() == 2).get(1);
        assertThat(version2.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(version2.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(version2.getDecidedBy().getKind()).isEqualTo(DeciderKind.WORKER);
    }

    @Test
    void referralAboutAChildWithAnAllocatedSocialWorkerGoesToThatWorker() {
        UUID caseId = UUID.randomUUID();
        ReferralSubmissions referral = aReferral().from(DemoClients.POLICE)
                .aboutChild("Allocated" + System.nanoTime(), "4010000015");
        driver().publish("csc.case-registry.v1", caseId.toString(),
                TriageInputs.openCase(referral, caseId, "Jo Social-Worker"));
        await().atMost(PIPELINE).until(() -> triageKnowsCase(caseId));

        String agencyReference = "ALLOCATED-" + caseId;
        driver().publish("referrals.submitted.v1", agencyReference,
                referral.withAgencyReference(agencyReference).build());

        TriageOutcomeIssued outcome = await().atMost(PIPELINE).until(
                () -> allOutcomes().stream()
                        .filter(o -> o.getReferral().getAgencyReference().equals(agencyReference)).toList(),
                list -> !list.isEmpty()).get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getAllocatedSocialWorker()).isEqualTo("Jo Social-Worker");
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(outcome.getReasons().get(0).getRuleId()).isEqualTo("allocated-social-worker");
    }

    @Test
    void aMashWorkersOverrideIsIssuedOnceAsTheNextConfirmedVersion() {
        UUID referralId = UUID.randomUUID();
        ReferralReceived received = TriageInputs.received(aReferral().from(DemoClients.SCHOOL)
                .aboutChild("Override" + System.nanoTime(), null).withIndicators("CHILD_RISK_TO_OTHERS"), referralId);
        driver().publish("referrals.received.v1", received.getChildKey(), received);
        await().atMost(PIPELINE).until(() -> openTask(referralId) != null);
        JsonNode task = openTask(referralId);
        assertThat(task.get("recommendedOutcome").asText()).isEqualTo("SECTION_17_ASSESSMENT");
        assertThat(task.get("reasons").get(0).get("citation").asText()).contains("seed 003");
        assertThat(task.get("inHandOf").isNull()).as("no one has opened it").isTrue();
        driver().query("update triage.task set opened_by = 'mash-worker-colleague', opened_at = now() "
                + "where referral_id = ? returning task_id", referralId);
        assertThat(openTask(referralId).get("inHandOf").asText()).isEqualTo("mash-worker-colleague");

        String override = """
                {"decision": "OVERRIDE", "outcome": "EARLY_HELP", "levelOfNeed": "LEVEL_2",
                 "reason": "Information gathered from health and school shows Early Help is proportionate.",
                 "outcomeVersion": 1}""";
        String path = "/api/v1/tasks/" + task.get("taskId").asText() + "/decision";
        HttpResponse<String> decided = post(path, override, DemoClients.MASH_WORKER.apiKey());
        HttpResponse<String> again = post(path, override, DemoClients.MASH_WORKER.apiKey());

        assertThat(decided.statusCode()).isEqualTo(201);
        assertThat(PipelineDriver.json(decided).get("outcomeVersion").asInt()).isEqualTo(2);
        assertThat(again.statusCode()).as("a task is decided once").isEqualTo(409);
        List<TriageOutcomeIssued> versions = await().atMost(PIPELINE)
                .until(() -> outcomesOf(referralId), list -> list.size() >= 2);
        assertThat(outcomesOf(referralId)).extracting(TriageOutcomeIssued::getOutcomeVersion).containsExactly(1, 2);
        TriageOutcomeIssued superseding = versions.get(1);
        assertThat(superseding.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(superseding.getLevelOfNeed().name()).isEqualTo("LEVEL_2");
        assertThat(superseding.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(superseding.getDecidedBy().getKind()).isEqualTo(DeciderKind.WORKER);
        assertThat(superseding.getDecidedBy().getWorkerId()).isEqualTo(DemoClients.MASH_WORKER.clientName());
        assertThat(superseding.getReasons().get(0).getExplanation()).contains("Early Help is proportionate");
        assertThat(openTask(referralId)).isNull();
    }

    @Test
    void aDecisionTheGuidanceRulesOutIsRefusedNamingTheFieldAndTheTaskStaysOpen() {
        UUID referralId = UUID.randomUUID();
        ReferralReceived received = TriageInputs.received(aReferral().from(DemoClients.POLICE)
                .aboutChild("AtRisk" + System.nanoTime(), null).withImmediateRisk(), referralId);
        driver().publish("referrals.received.v1", received.getChildKey(), received);
        await().atMost(PIPELINE).until(() -> openTask(referralId) != null);
        String path = "/api/v1/tasks/" + openTask(referralId).get("taskId").asText() + "/decision";

        HttpResponse<String> returned = post(path, """
                {"decision": "OVERRIDE", "outcome": "RETURNED_FOR_CONSENT", "reason": "Parents should be asked.",
                 "outcomeVersion": 1}""",
                DemoClients.MASH_WORKER.apiKey());

        assertThat(returned.statusCode()).isEqualTo(422);
        assertThat(PipelineDriver.json(returned).get("errors").findValuesAsString("field")).containsExactly("outcome");
        assertThat(openTask(referralId)).as("nothing recorded; the task waits for a safe decision").isNotNull();
        HttpResponse<String> misnamed = post(path, """
                {"decision": "CONFIRM", "reason": "Child seen with injuries.", "immediate_risk": true,
                 "levelOfNeed": 3, "outcomeVersion": 1}""",
                DemoClients.MASH_WORKER.apiKey());
        assertThat(misnamed.statusCode()).as("a finding under another name is refused, not dropped").isEqualTo(400);
        assertThat(PipelineDriver.json(misnamed).get("errors").findValuesAsString("field"))
                .as("and a level given by its place in the list, in the same answer")
                .containsExactly("immediate_risk", "levelOfNeed");
        HttpResponse<String> confirmed = post(path, """
                {"decision": "CONFIRM", "reason": "Child seen with injuries.", "immediateRisk": true,
                 "outcomeVersion": 1}""",
                DemoClients.MASH_WORKER.apiKey());
        assertThat(confirmed.statusCode()).isEqualTo(201);
        assertThat(await().atMost(PIPELINE).until(() -> outcomesOf(referralId), list -> list.size() == 2).get(1)
                .getPriority()).isEqualTo(Priority.IMMEDIATE);
    }

    @Test
    void aDecisionNeedsAReasonAndOnlyMashWorkersSeeTasks() {
        HttpResponse<String> noReason = post("/api/v1/tasks/" + UUID.randomUUID() + "/decision",
                "{\"decision\": \"OVERRIDE\", \"outcomeVersion\": 1}", DemoClients.MASH_WORKER.apiKey());

        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(PipelineDriver.json(noReason).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("reason", "outcome");
        assertThat(get("/api/v1/tasks", DemoClients.SCHOOL.apiKey()).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/tasks", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theIndicatorCatalogueIsPublishedToAuthenticatedAgencySystems() {
        HttpResponse<String> catalogue = get("/api/v1/indicators", DemoClients.SCHOOL.apiKey());

        assertThat(catalogue.statusCode()).isEqualTo(200);
        JsonNode under13 = StreamSupport.stream(PipelineDriver.json(catalogue).spliterator(), false)
                .filter(indicator -> indicator.get("code").asText().equals("UNDER_13_SEXUAL_ACTIVITY"))
                .findFirst().orElseThrow();
        assertThat(under13.get("level").asText()).isEqualTo("LEVEL_3");
        assertThat(under13.get("wording").asText())
                .isEqualTo("There is concern regarding a child under 13 being engaged in sexual activity.");
        assertThat(get("/api/v1/indicators", null).statusCode()).isEqualTo(401);
    }

    private static JsonNode openTask(UUID referralId) {
        JsonNode tasks = PipelineDriver.json(get("/api/v1/tasks", DemoClients.MASH_WORKER.apiKey()));
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(task -> task.get("referralId").asText().equals(referralId.toString()))
                .findFirst().orElse(null);
    }

    private static HttpResponse<String> get(String path, String apiKey) {
        return driver().get(PipelineService.MASH_TRIAGE, path, apiKey);
    }

    private static HttpResponse<String> post(String path, String json, String apiKey) {
        return driver().post(PipelineService.MASH_TRIAGE, path, json, apiKey);
    }

    /** Whether triage's own copy of the case registry holds the case yet. */
    private static boolean triageKnowsCase(UUID caseId) {
        return !driver().query("select 1 from triage.case_registry where case_id = ?", caseId).isEmpty();
    }

    private static List<TriageOutcomeIssued> allOutcomes() {
        return driver().readAllValues(OUTCOMES);
    }

    private static List<TriageOutcomeIssued> outcomesOf(UUID referralId) {
        return allOutcomes().stream().filter(o -> o.getReferralId().equals(referralId)).toList();
    }

    private static List<TriageOutcomeIssued> outcomesAbout(String familyName) {
        return allOutcomes().stream()
                .filter(o -> familyName.equals(o.getReferral().getChild().getFamilyName())).toList();
    }

    private static List<TriageTaskCreated> tasksOf(UUID referralId) {
        return driver().<TriageTaskCreated>readAllValues(TASKS).stream()
                .filter(task -> task.getReferralId().equals(referralId)).toList();
    }
}
