package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.ReferralSubmitted;
import uk.mash.events.ReferrerNotified;
import uk.mash.platform.embedded.kafka.TopicReader;
import uk.mash.platform.serde.AvroSerializer;

/**
 * Drives the pipeline from outside as agency systems and operators would: the REST API, the submitted topic, and
 * read-committed consumers of the topics the pipeline writes.
 */
final class PipelineDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;
    private final String registryUrl;
    private final URI intake;
    private final URI notifications;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TopicReader topics;

    PipelineDriver(String bootstrapServers, String registryUrl, URI intake, URI notifications) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = new TopicReader(bootstrapServers, registryUrl);
        this.intake = intake;
        this.notifications = notifications;
    }

    /** The README's sample referral, under a new agency reference. */
    static String sampleReferralJson(String agencyReference) {
        try {
            String sample = Files.readString(Path.of("..", "docs", "sample-referral.json"));
            return sample.replace("SCH-2026-0042", agencyReference);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> postReferral(String json, String apiKey) {
        return send(HttpRequest.newBuilder(intake.resolve("/api/v1/referrals"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> notificationsOf(UUID referralId, String apiKey) {
        return send(HttpRequest.newBuilder(notifications.resolve("/api/v1/referrals/" + referralId + "/notifications"))
                .header("X-Api-Key", apiKey)
                .GET()
                .build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    void publish(ReferralSubmitted... submissions) {
        try (KafkaProducer<String, ReferralSubmitted> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), avroSerializer())) {
            for (ReferralSubmitted submission : submissions) {
                producer.send(new ProducerRecord<>("referrals.submitted.v1", submission.getAgencyReference(),
                        submission));
            }
            producer.flush();
        }
    }

    void publishRawBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** Every committed record on the topic now, read from the start until the topic has been quiet for a while. */
    <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic) {
        return topics.readAll(topic);
    }

    /** Every notification to the referrer of the given agency reference, as published. */
    List<ReferrerNotified> notificationsTo(String agencyReference) {
        return this.<ReferrerNotified>readAll("referrer.notifications.v1").stream()
                .map(ConsumerRecord::value)
                .filter(notified -> agencyReference.equals(notified.getAgencyReference()))
                .toList();
    }

    List<ConsumerRecord<String, byte[]>> readAllBytes(String topic) {
        return topics.readAllBytes(topic);
    }

    private AvroSerializer<ReferralSubmitted> avroSerializer() {
        AvroSerializer<ReferralSubmitted> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        return serializer;
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
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
