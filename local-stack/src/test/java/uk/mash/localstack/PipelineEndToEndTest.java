package uk.mash.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import uk.mash.events.CaseRouted;
import uk.mash.events.NotificationSubject;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.RoutingAction;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/**
 * The whole pipeline over a real Kafka broker, real PostgreSQL and the schema registry over HTTP: a referral from
 * either way in is triaged, routed to its queue, and its referrer notified; bad input is refused with its reasons
 * and nothing is lost.
 */
class PipelineEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    @Test
    void referralSubmittedOverRestIsTriagedRoutedAndItsReferrerNotified() {
        HttpResponse<String> accepted = driver().postReferral(PipelineDriver.sampleReferralJson("REST-1"),
                DemoClients.SCHOOL.apiKey());

        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID referralId = UUID.fromString(PipelineDriver.json(accepted).get("referralId").asText());
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/referrals/" + referralId);

        JsonNode notifications = PipelineDriver.json(await().atMost(PIPELINE).until(
                () -> driver().notificationsOf(referralId, DemoClients.SCHOOL.apiKey()),
                response -> response.statusCode() == 200));
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(notifications.get(0).get("agencyReference").asText()).isEqualTo("REST-1");
        assertThat(notifications.get(0).get("notifiedAt").asText()).isNotBlank();
        assertThat(notifications.get(0).get("message").asText()).doesNotContain("Example", "9434765919", "PE2 5AB");

        List<CaseRouted> earlyHelp = valuesFor(driver().readAll("early-help.cases.v1"), referralId);
        assertThat(earlyHelp).singleElement()
                .satisfies(routed -> assertThat(routed.getTeam()).isEqualTo("early-help-peterborough-south"));
    }

    @Test
    void referralPublishedByAnAgencySystemIsTriagedRoutedAndItsReferrerNotified() {
        driver().publish(ReferralSubmissions.aReferral().withAgencyReference("KAFKA-1").build());

        ReferrerNotified notified = await().atMost(PIPELINE).until(
                () -> driver().notificationsTo("KAFKA-1"), list -> !list.isEmpty()).get(0);

        assertThat(notified.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(notified.getSubject()).isEqualTo(NotificationSubject.OUTCOME);
        UUID referralId = UUID.fromString(notified.getReferralId());
        assertThat(valuesFor(driver().readAll("early-help.cases.v1"), referralId)).hasSize(1);
        assertThat(driver().notificationsOf(referralId, DemoClients.POLICE.apiKey()).statusCode()).isEqualTo(200);
        assertThat(driver().notificationsOf(referralId, DemoClients.SCHOOL.apiKey()).statusCode())
                .as("another agency cannot see the police's referral").isEqualTo(404);
    }

    @Test
    void repeatedRestSubmissionGivesTheSameReferralAndOneNotification() {
        String json = PipelineDriver.sampleReferralJson("REST-REPEAT");
        String first = PipelineDriver.json(driver().postReferral(json, DemoClients.SCHOOL.apiKey()))
                .get("referralId").asText();
        String second = PipelineDriver.json(driver().postReferral(json, DemoClients.SCHOOL.apiKey()))
                .get("referralId").asText();

        assertThat(second).isEqualTo(first);
        await().atMost(PIPELINE).until(() -> driver().notificationsTo("REST-REPEAT"), list -> !list.isEmpty());
        assertThat(driver().<TriageOutcomeIssued>readAll("triage.outcomes.v1").stream()
                .filter(r -> r.value().getReferralId().toString().equals(first))).hasSize(1);
        assertThat(driver().notificationsTo("REST-REPEAT")).hasSize(1);
    }

    @Test
    void concurrentRetriesOfOneSubmissionAllGetTheSameReferralAndOneOutcome() {
        String json = PipelineDriver.sampleReferralJson("REST-CONCURRENT");

        List<HttpResponse<String>> answers = IntStream.range(0, 8).parallel()
                .mapToObj(i -> driver().postReferral(json, DemoClients.SCHOOL.apiKey()))
                .toList();

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(answers.stream().map(a -> PipelineDriver.json(a).get("referralId").asText()).distinct())
                .hasSize(1);
        await().atMost(PIPELINE).until(() -> driver().notificationsTo("REST-CONCURRENT"), list -> !list.isEmpty());
        assertThat(driver().<TriageOutcomeIssued>readAll("triage.outcomes.v1").stream()
                .filter(r -> "REST-CONCURRENT".equals(r.value().getReferral().getAgencyReference()))).hasSize(1);
    }

    @Test
    void invalidRestSubmissionIsRefusedNamingEveryFieldAtFault() {
        String json = PipelineDriver.sampleReferralJson("REST-BAD")
                .replace("\"9434765919\"", "\"9434765918\"")
                .replace("\"PE2 5AB\"", "\"NOT A POSTCODE\"")
                .replaceFirst("\"natureOfConcern\": \"[^\"]*\"", "\"natureOfConcern\": \"\"");

        HttpResponse<String> misnamed = driver().postReferral(json.replace("\"natureOfConcern\"",
                "\"natureOfConcernTypo\""), DemoClients.SCHOOL.apiKey());
        assertThat(misnamed.statusCode()).as("a property the contract does not know is refused first").isEqualTo(400);
        assertThat(PipelineDriver.json(misnamed).get("errors").findValuesAsString("field"))
                .containsExactly("natureOfConcernTypo");
        HttpResponse<String> refused = driver().postReferral(json, DemoClients.SCHOOL.apiKey());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = PipelineDriver.json(refused).get("errors");
        assertThat(errors.findValuesAsString("field")).contains("child.nhsNumber", "child.address.postcode",
                "natureOfConcern");
        assertThat(refused.body()).doesNotContain("9434765918", "NOT A POSTCODE");
    }

    @Test
    void restSubmissionWithoutAnApiKeyIsUnauthorised() {
        HttpResponse<String> refused = driver().postReferral(PipelineDriver.sampleReferralJson("REST-NOKEY"), "wrong");

        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void invalidKafkaSubmissionIsRejectedWithItsReasonsAndTheReferrerTold() {
        driver().publish(ReferralSubmissions.aReferral().withAgencyReference("KAFKA-BAD").withoutNames()
                .withNhsNumber("1234567890").build());

        ReferrerNotified notified = await().atMost(PIPELINE).until(
                () -> driver().notificationsTo("KAFKA-BAD"), list -> !list.isEmpty()).get(0);
        assertThat(notified.getSubject()).isEqualTo(NotificationSubject.REJECTION);
        assertThat(notified.getMessage()).contains("child.familyName", "child.nhsNumber");

        ReferralRejected rejected = driver().<ReferralRejected>readAll("referrals.rejected.v1").stream()
                .map(ConsumerRecord::value)
                .filter(r -> "KAFKA-BAD".equals(r.getAgencyReference()))
                .findFirst().orElseThrow();
        assertThat(rejected.getReasons()).extracting(r -> r.getCode())
                .contains("REQUIRED", "NHS_NUMBER_CHECK_DIGIT");
        assertThat(rejected.getSubmission().getAgencyReference()).as("the original submission is kept whole")
                .isEqualTo("KAFKA-BAD");
    }

    @Test
    void bytesThatAreNotAvroGoToTheDeadLetterTopicWithTheReasonAndTheReferrerHearsTheyWereNotReceived() {
        driver().publishRawBytes("referrals.submitted.v1", "GARBAGE-1",
                "not an avro message".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> dead = await().atMost(PIPELINE).until(
                () -> driver().readAllBytes("referrals.submitted.v1-dlt").stream()
                        .filter(r -> "GARBAGE-1".equals(r.key())).toList(),
                list -> !list.isEmpty()).get(0);

        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not an avro message");
        assertThat(header(dead, "kafka_dlt-exception-message")).isEqualTo("failed to deserialize");
        assertThat(header(dead, "kafka_dlt-exception-stacktrace")).contains("Unknown magic byte");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo("referrals.submitted.v1");
        ReferrerNotified told = await().atMost(PIPELINE).until(() -> driver().notificationsTo("GARBAGE-1"),
                list -> !list.isEmpty()).get(0);
        assertThat(told.getSubject()).isEqualTo(NotificationSubject.REJECTION);
        assertThat(told.getMessage()).as("named by the record's key, the agency reference")
                .startsWith("Your submission GARBAGE-1 was not accepted by the MASH")
                .contains("not Avro in the Confluent wire format", "send the referral again");
    }

    @Test
    void immediateRiskGoesToChildProtectionAtOnceWithAReviewTaskForTheMashWorker() {
        driver().publish(ReferralSubmissions.aReferral().withAgencyReference("KAFKA-S47").withImmediateRisk().build());

        ReferrerNotified notified = await().atMost(PIPELINE).until(
                () -> driver().notificationsTo("KAFKA-S47"), list -> !list.isEmpty()).get(0);
        UUID referralId = UUID.fromString(notified.getReferralId());

        TriageOutcomeIssued outcome = valuesFor(driver().readAll("triage.outcomes.v1"), referralId).stream()
                .map(TriageOutcomeIssued.class::cast).findFirst().orElseThrow();
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getRulePackId()).isEqualTo("cambridgeshire-peterborough-2018");
        assertThat(outcome.getReasons()).isNotEmpty().allSatisfy(r -> assertThat(r.getCitation()).contains("seed 003"));
        assertThat(valuesFor(driver().readAll("csc.child-protection.v1"), referralId)).hasSize(1);
        List<TriageTaskCreated> tasks = valuesFor(driver().readAll("triage.tasks.v1"), referralId);
        assertThat(tasks).singleElement().satisfies(task -> assertThat(task.getKind().name())
                .isEqualTo("REVIEW_SECTION_47"));
    }

    @Test
    void writtenFollowUpAddingImmediateRiskTakesTheTelephoneReferralToChildProtection() {
        HttpResponse<String> telephoned = driver().post(PipelineService.REFERRAL_INTAKE,
                "/api/v1/telephone-referrals", PipelineDriver.sampleReferralJson("PHONE-FOLLOW-UP"),
                DemoClients.MASH_WORKER.apiKey());
        assertThat(telephoned.statusCode()).isEqualTo(202);
        UUID referralId = UUID.fromString(PipelineDriver.json(telephoned).get("referralId").asText());
        await().atMost(PIPELINE).until(() -> valuesFor(driver().readAll("early-help.cases.v1"), referralId),
                cases -> !cases.isEmpty());

        HttpResponse<String> written = driver().postReferral(PipelineDriver.sampleReferralJson("PHONE-FOLLOW-UP")
                .replace("\"immediateRiskOfSignificantHarm\": false", "\"immediateRiskOfSignificantHarm\": true"),
                DemoClients.SCHOOL.apiKey());

        assertThat(written.statusCode()).isEqualTo(202);
        assertThat(PipelineDriver.json(written).get("referralId").asText()).isEqualTo(referralId.toString());
        List<CaseRouted> childProtection = await().atMost(PIPELINE).until(
                () -> valuesFor(driver().readAll("csc.child-protection.v1"), referralId), cases -> !cases.isEmpty());
        assertThat(childProtection).singleElement().satisfies(routed -> {
            assertThat(routed.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(routed.getReferral().getImmediateRiskOfSignificantHarm()).isTrue();
        });
        List<TriageOutcomeIssued> outcomes = valuesFor(driver().readAll("triage.outcomes.v1"), referralId);
        assertThat(outcomes).extracting(TriageOutcomeIssued::getOutcomeVersion, TriageOutcomeIssued::getOutcome)
                .containsExactly(tuple(1, OutcomeType.EARLY_HELP), tuple(2, OutcomeType.SECTION_47_ENQUIRY));
        assertThat(valuesFor(driver().readAll("early-help.cases.v1"), referralId)).extracting("action")
                .containsExactly(RoutingAction.ROUTED, RoutingAction.WITHDRAWN);
        assertThat(valuesFor(driver().readAll("triage.tasks.v1"), referralId)).extracting("kind")
                .contains(TaskKind.REVIEW_SECTION_47);
        await().atMost(PIPELINE).until(() -> driver().notificationsTo("PHONE-FOLLOW-UP"), told -> told.stream()
                .anyMatch(notified -> notified.getOutcome() == OutcomeType.SECTION_47_ENQUIRY));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> valuesFor(List<? extends ConsumerRecord<String, ?>> records, UUID referralId) {
        return records.stream()
                .filter(r -> referralId.toString().equals(r.key()))
                .map(r -> (T) r.value())
                .toList();
    }

    @Test
    void caseRegistryTopicKeepsTheNewestEntryPerCaseAndEveryOtherTopicItsHistory() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running.stack().bootstrapServers()))) {
            ConfigResource registry = new ConfigResource(ConfigResource.Type.TOPIC, "csc.case-registry.v1");
            ConfigResource outcomes = new ConfigResource(ConfigResource.Type.TOPIC, "triage.outcomes.v1");
            var configs = admin.describeConfigs(List.of(registry, outcomes)).all().get();

            assertThat(configs.get(registry).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(configs.get(outcomes).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
        }
    }

    @Test
    void deadLettersAreKeptUntilPutRightEvenOnATopicCreatedWithTheBrokersWeekOfRetention() throws Exception {
        ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, "triage.outcomes.v1-dlt");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running.stack().bootstrapServers()))) {
            assertThat(retentionOf(admin, deadLetters)).isEqualTo("-1");

            running.restartAfter(PipelineService.EARLY_HELP_ROUTER, () -> setRetention(admin, deadLetters,
                    String.valueOf(Duration.ofDays(7).toMillis())));

            assertThat(retentionOf(admin, deadLetters)).as("put back by a service starting").isEqualTo("-1");
        }
    }

    private static String retentionOf(Admin admin, ConfigResource topic) throws Exception {
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.RETENTION_MS_CONFIG)
                .value();
    }

    private static void setRetention(Admin admin, ConfigResource topic, String millis) {
        try {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, millis), AlterConfigOp.OpType.SET))))
                    .all().get();
            assertThat(retentionOf(admin, topic)).isEqualTo(millis);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
