package uk.mash.localstack.routing;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseRouted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineService;

/**
 * Drives the router from outside, on the shared pipeline driver: outcomes published as triage publishes them, the
 * router's consumer position, and its case allocation API.
 */
final class RouterDriver {

    static final String OUTCOMES = "triage.outcomes.v1";
    static final String UNROUTABLE = "triage.outcomes.v1-dlt";
    static final String REGISTRY = "csc.case-registry.v1";
    static final List<String> QUEUES = List.of("early-help.cases.v1", "csc.assessments.v1",
            "csc.child-protection.v1", "single-agency.referrals.v1", "csc.allocated-worker.v1");

    private final LocalStackExtension running;

    RouterDriver(LocalStackExtension running) {
        this.running = running;
    }

    /** Publishes outcomes in order, each keyed by its referral id as triage keys them. */
    void publish(List<TriageOutcomeIssued> outcomes) {
        running.driver().publish(OUTCOMES, outcomes, outcome -> outcome.getReferralId().toString());
    }

    void publish(TriageOutcomeIssued... outcomes) {
        publish(List.of(outcomes));
    }

    /** Whether the router has committed its position past every outcome published so far. */
    boolean routerHasConsumedEveryOutcome() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running.stack().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("early-help-router")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(OUTCOMES)).allTopicNames().get()
                    .get(OUTCOMES).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(OUTCOMES, p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .allMatch(end -> end.getValue().offset() == 0 || committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset());
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> allocate(UUID caseId, String socialWorker, String apiKey) {
        return allocateWith(caseId, "{\"socialWorker\": \"" + socialWorker + "\"}", apiKey);
    }

    /** An allocation with the body as given, for bodies an allocation's caller should not send. */
    HttpResponse<String> allocateWith(UUID caseId, String body, String apiKey) {
        return running.driver().put(PipelineService.EARLY_HELP_ROUTER,
                "/api/v1/cases/" + caseId + "/allocated-social-worker", body, apiKey);
    }

    /** Every routing of the referral on the queue, in order. */
    List<CaseRouted> casesOf(UUID referralId, String queue) {
        return running.driver().<CaseRouted>readAll(queue).stream().map(ConsumerRecord::value)
                .filter(routed -> routed.getReferralId().equals(referralId)).toList();
    }

    /** The case registry's entries for the case a referral opened, in order. */
    List<CaseRegistryChanged> registryOf(UUID openedByReferralId) {
        return running.driver().<CaseRegistryChanged>readAll(REGISTRY).stream().map(ConsumerRecord::value)
                .filter(entry -> entry.getOpenedByReferralId().equals(openedByReferralId))
                .toList();
    }

    String metrics() {
        return running.driver().metrics(PipelineService.EARLY_HELP_ROUTER);
    }
}
