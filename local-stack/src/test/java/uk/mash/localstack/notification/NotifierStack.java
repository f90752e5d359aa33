package uk.mash.localstack.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;

import uk.mash.events.ReferralSubmitted;
import uk.mash.localstack.AgencyInbox;
import uk.mash.localstack.LocalStack;
import uk.mash.localstack.LocalStackSettings;
import uk.mash.localstack.PipelineService;
import uk.mash.platform.embedded.postgres.EmbeddedDatabase;
import uk.mash.platform.serde.AvroDeserializer;
import uk.mash.platform.serde.AvroSerializer;

/**
 * A local stack on free ports for one test class, driven as agency systems and operators would: submissions on
 * Kafka, read-committed consumers of the topics the pipeline writes, the agency inbox, the notifier's HTTP API and
 * (to see what the notifier has recorded) its database tables.
 */
final class NotifierStack implements BeforeAllCallback, AfterAllCallback {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path home;
    private LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("notifier-stack-test");
        stack = LocalStack.start(LocalStackSettings.ephemeral(home));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stack.close();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    LocalStack stack() {
        return stack;
    }

    AgencyInbox inbox() {
        return stack.agencyInbox();
    }

    void restartNotifier(List<String> arguments, ApplicationContextInitializer<?>... initializers) {
        stack.stopService(PipelineService.NOTIFICATION_SERVICE);
        stack.startService(PipelineService.NOTIFICATION_SERVICE, arguments, initializers);
    }

    void publish(ReferralSubmitted... submissions) {
        AvroSerializer<ReferralSubmitted> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.registryUrl().toString()), false);
        try (KafkaProducer<String, ReferralSubmitted> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                        "all"), new StringSerializer(), serializer)) {
            for (ReferralSubmitted submission : submissions) {
                producer.send(new ProducerRecord<>("referrals.submitted.v1", submission.getAgencyReference(),
                        submission));
            }
            producer.flush();
        }
    }

    /** Publishes records on a topic under one key, in order, as the service that owns the topic would. */
    @SafeVarargs
    final <T extends SpecificRecord> void publishTo(String topic, String key, T... values) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.registryUrl().toString()), false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                        "all"), new StringSerializer(), serializer)) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
    }

    /** Every committed value on the topic now, read from the start until the topic has been quiet for a while. */
    <T extends SpecificRecord> List<T> readAll(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.registryUrl().toString()), false);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "notification-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            List<T> values = new ArrayList<>();
            int quietPolls = 0;
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (quietPolls < 3 && System.nanoTime() < giveUpAt) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                    quietPolls++;
                }
                batch.forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    HttpResponse<String> getFromNotifier(String path, String apiKey) {
        URI uri = stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first column of each row the query answers, as text. */
    List<String> query(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
