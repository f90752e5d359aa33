package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import uk.mash.events.ConsentStatus;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.serde.AvroSerializer;

/** The decision API over real PostgreSQL, publishing to a Kafka broker and schema registry that are down. */
class WorkerDecisionControllerTest {

    @TempDir
    static Path dataDir;

    private static TriageOverPostgres triage;
    private static DefaultKafkaProducerFactory<String, Object> producers;

    @BeforeAll
    static void start() {
        triage = new TriageOverPostgres(dataDir);
        producers = producersForABrokerThatIsDown();
    }

    @AfterAll
    static void stop() {
        producers.destroy();
        triage.close();
    }

    @Test
    void aDecisionRecordedWhileTheBrokerIsDownIsAnsweredCreatedAndLeftForTheRelayToPublish() throws Exception {
        TriageTaskCreated task = triage.triage(aValidReferral().aboutChild("Outage", "9000000301")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build()).tasks().get(0);
        MockMvc api = MockMvcBuilders.standaloneSetup(new WorkerDecisionController(triage.decisions(),
                triage.relayThrough(new KafkaTemplate<>(producers)))).build();

        api.perform(post("/api/v1/tasks/{taskId}/decision", task.getTaskId()).principal(() -> TriageOverPostgres.WORKER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"CONFIRM\", \"reason\": \"Agreed after checks with the police.\", "
                        + "\"outcomeVersion\": 1}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcomeVersion").value(2))
                .andExpect(jsonPath("$.published").value(false));

        assertThat(triage.pendingPublication()).as("stored for the scheduled relay to publish")
                .extracting(TriageOutcomeIssued::getReferralId, TriageOutcomeIssued::getOutcomeVersion)
                .containsExactly(tuple(task.getReferralId(), 2));
        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .noneMatch(open -> open.getTaskId().equals(task.getTaskId()));
    }

    @Test
    void aDecisionOnAnOutcomeVersionNoLongerLatestIsAConflictNamingTheField() throws Exception {
        ReferralReceived call = TriageOverPostgres.received(aValidReferral().aboutChild("Conflict", "9000000302")
                .byTelephone().withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated task = triage.triage(call).tasks().get(0);
        triage.triage(TriageOverPostgres.writtenFollowUp(call, aValidReferral().aboutChild("Conflict", "9000000302")
                .withIndicators("FAMILY_BREAKDOWN").withImmediateRiskOfSignificantHarm().build(),
                TriageOverPostgres.RECEIVED.plusSeconds(3600)));

        api().perform(post("/api/v1/tasks/{taskId}/decision", task.getTaskId())
                .principal(() -> TriageOverPostgres.WORKER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"CONFIRM\", \"reason\": \"As recommended.\", \"outcomeVersion\": 1, "
                        + "\"writtenFollowUpSeen\": true}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains("outcomeVersion")))
                .andExpect(jsonPath("$.errors[*].code").value(contains("REFERRAL_CHANGED")))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("The referral has changed since you opened this task: open it again"));

        assertThat(triage.latestOutcome(call.getReferralId()).getOutcomeVersion()).isEqualTo(2);
    }

    @Test
    void aDecisionNamingNoOutcomeVersionIsABadRequestNamingTheField() throws Exception {
        TriageTaskCreated task = triage.triage(aValidReferral().aboutChild("Unversioned", "9000000303")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build()).tasks().get(0);

        api().perform(post("/api/v1/tasks/{taskId}/decision", task.getTaskId())
                .principal(() -> TriageOverPostgres.WORKER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"CONFIRM\", \"reason\": \"As recommended.\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("outcomeVersion")))
                .andExpect(jsonPath("$.errors[*].code").value(contains("REQUIRED")));

        assertThat(triage.decisions().openTasks(TriageOverPostgres.WORKER))
                .anyMatch(open -> open.getTaskId().equals(task.getTaskId()));
    }

    @Test
    void aDecisionTheGuidanceRulesOutIsRefusedAndTheAttemptIsAuditedWithWhoAndWhy() throws Exception {
        TriageTaskCreated task = triage.triage(aValidReferral().aboutChild("SteppedDown", "9000000304")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withImmediateRiskOfSignificantHarm()
                .withConsent(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM).build()).tasks().get(0);

        api().perform(post("/api/v1/tasks/{taskId}/decision", task.getTaskId())
                .principal(() -> TriageOverPostgres.WORKER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\": \"OVERRIDE\", \"outcome\": \"EARLY_HELP\", \"reason\": \"Family say all is "
                        + "well.\", \"outcomeVersion\": 1}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(contains("consentObtained")))
                .andExpect(jsonPath("$.errors[*].code").value(contains("RULED_OUT_BY_GUIDANCE")));

        assertThat(triage.audited("DECISION_REFUSED", task.getReferralId())).singleElement().isEqualTo(
                "OVERRIDE to EARLY_HELP: Family say all is well. (task " + task.getTaskId()
                        + ") refused for [consentObtained]");
        assertThat(triage.auditedActors("DECISION_REFUSED", task.getReferralId()))
                .containsExactly(TriageOverPostgres.WORKER);
        assertThat(triage.latestOutcome(task.getReferralId()).getOutcomeVersion()).as("nothing decided").isOne();
    }

    @Test
    void theOpenTasksSayWhatADecisionOnEachMustNameAsSeen() throws Exception {
        ReferralReceived call = TriageOverPostgres.received(aValidReferral().aboutChild("Listed", "9000000304")
                .byTelephone().withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        triage.triage(TriageOverPostgres.writtenFollowUp(call, aValidReferral().aboutChild("Listed", "9000000304")
                .withIndicators("FAMILY_BREAKDOWN").withImmediateRiskOfSignificantHarm().build(),
                TriageOverPostgres.RECEIVED.plusSeconds(3600)));

        api().perform(get("/api/v1/tasks").principal(() -> TriageOverPostgres.WORKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.taskId == '" + confirmation.getTaskId() + "')].outcomeVersion")
                        .value(contains(2)))
                .andExpect(jsonPath("$[?(@.taskId == '" + confirmation.getTaskId() + "')].writtenFollowUp")
                        .value(contains(true)))
                .andExpect(jsonPath("$[?(@.taskId == '" + confirmation.getTaskId() + "')].lateCall")
                        .value(contains(false)));
    }

    private static MockMvc api() {
        return MockMvcBuilders.standaloneSetup(new WorkerDecisionController(triage.decisions(),
                triage.relayThrough(new KafkaTemplate<>(producers)))).build();
    }

    /** Transactional, as the service's are, waiting a second for the broker rather than the client's minute. */
    private static DefaultKafkaProducerFactory<String, Object> producersForABrokerThatIsDown() {
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + aPortNobodyListensOn(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                "schema.registry.url", "http://localhost:" + aPortNobodyListensOn()));
        factory.setTransactionIdPrefix("mash-triage-test-tx-");
        factory.setPhysicalCloseTimeout(1);
        return factory;
    }

    private static int aPortNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
