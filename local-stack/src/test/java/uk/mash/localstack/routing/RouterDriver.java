package uk.mash.localstack.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.serde.AvroDeserializer;
import uk.mash.platform.serde.AvroSerializer;

/**
 * Drives the router from outside: outcomes published onto the outcomes topic as triage would publish them, the
 * queue, registry and dead-letter topics read as their consumers would (read-committed), and the router's API.
 */
final class RouterDriver {

    static final String OUTCOMES = "triage.outcomes.v1";
    static final String UNROUTABLE = "triage.outcomes.v1-dlt";
    static final String REGISTRY = "csc.case-registry.v1";
    static final List<String> QUEUES = List.of("early-help.cases.v1", "csc.assessments.v1",
            "csc.child-protection.v1", "single-agency.referrals.v1", "csc.allocated-worker.v1");

    private final String bootstrapServers;
    private final String registryUrl;
    private final Supplier<URI> router;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RouterDriver(String bootstrapServers, String registryUrl, Supplier<URI> router) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.router = router;
    }

    /** Publishes outcomes in order, each keyed by its referral id as triage keys them. */
    void publish(List<TriageOutcomeIssued> outcomes) {
        AvroSerializer<TriageOutcomeIssued> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<String, TriageOutcomeIssued> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), serializer)) {
            for (TriageOutcomeIssued outcome : outcomes) {
                producer.send(new ProducerRecord<>(OUTCOMES, outcome.getReferralId().toString(), outcome));
            }
            producer.flush();
        }
    }

    void publish(TriageOutcomeIssued... outcomes) {
        publish(List.of(outcomes));
    }

    /** Every committed record on the topic now, read from the start until the topic has been quiet for a while. */
    <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "routing-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, T>> records = new ArrayList<>();
            int quietPolls = 0;
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (quietPolls < 3 && System.nanoTime() < giveUpAt) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                    quietPolls++;
                }
                batch.forEach(records::add);
            }
            return records;
        }
    }

    /** Whether the router has committed its position past every outcome published so far. */
    boolean routerHasConsumedEveryOutcome() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("early-help-router")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(OUTCOMES)).allTopicNames().get()
                    .get(OUTCOMES).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(OUTCOMES, p.partition()), p -> OffsetSpec.latest()));
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

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    HttpResponse<String> allocate(UUID caseId, String socialWorker, String apiKey) {
        return send(HttpRequest.newBuilder(router.get().resolve("/api/v1/cases/" + caseId + "/allocated-social-worker"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"socialWorker\": \"" + socialWorker + "\"}"))
                .build());
    }

    String metrics() {
        return send(HttpRequest.newBuilder(router.get().resolve("/actuator/prometheus")).GET().build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
