package uk.mash.localstack.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;
import uk.mash.platform.serde.AvroDeserializer;
import uk.mash.platform.serde.AvroSerializer;

/**
 * Drives triage from outside: publishes events as agency systems, intake and the router would, reads what triage
 * publishes with read-committed consumers, and calls its API as agency systems and MASH workers do.
 */
final class TriageDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;
    private final String registryUrl;
    private final URI triage;
    private final String jdbcUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TriageDriver(String bootstrapServers, String registryUrl, URI triage, String jdbcUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.triage = triage;
        this.jdbcUrl = jdbcUrl;
    }

    void publish(String topic, String key, SpecificRecord... values) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serializer)) {
            for (SpecificRecord value : values) {
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
    }

    /** Every committed value on the topic now, read from the start until the topic has been quiet for a while. */
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> List<T> readAll(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "triage-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            List<T> values = new ArrayList<>();
            int quietPolls = 0;
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (quietPolls < 3 && System.nanoTime() < giveUpAt) {
                var batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                    quietPolls++;
                }
                batch.forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(triage.resolve(path)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String json, String apiKey) {
        return send(HttpRequest.newBuilder(triage.resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Whether triage's own copy of the case registry holds the case yet. */
    boolean triageKnowsCase(UUID caseId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
                PreparedStatement query = connection.prepareStatement(
                        "select 1 from triage.case_registry where case_id = ?")) {
            query.setObject(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
        catch (SQLException e) {
            return false;
        }
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
