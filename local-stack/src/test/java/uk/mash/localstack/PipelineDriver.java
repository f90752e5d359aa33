package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.ReferralSubmitted;
import uk.mash.events.ReferrerNotified;
import uk.mash.platform.embedded.kafka.TopicReader;
import uk.mash.platform.embedded.kafka.TopicWriter;

/**
 * Drives the pipeline from outside as agency systems, operators and neighbouring services would: records published
 * on any topic, read-committed consumers of the topics the pipeline writes, each service's HTTP API with an API key,
 * and (to see what a service has recorded) queries on the database.
 */
public final class PipelineDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBMITTED = "referrals.submitted.v1";

    private final Function<PipelineService, URI> serviceUrls;
    private final Database database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TopicReader topics;
    private final TopicWriter writer;

    /** Where the pipeline's database is and who may read it. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    /** A row of a query's answer, read into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * @param serviceUrls asked on every call, because a service restarted on a free port is found at a new address
     */
    public PipelineDriver(String bootstrapServers, String registryUrl, Function<PipelineService, URI> serviceUrls,
            Database database) {
        this.serviceUrls = serviceUrls;
        this.database = database;
        this.topics = new TopicReader(bootstrapServers, registryUrl);
        this.writer = new TopicWriter(bootstrapServers, registryUrl);
    }

    /** The README's sample referral, under a new agency reference. */
    public static String sampleReferralJson(String agencyReference) {
        try {
            String sample = Files.readString(Path.of("..", "docs", "sample-referral.json"));
            return sample.replace("SCH-2026-0042", agencyReference);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The last value of a record header as text, or {@code null} when the record has none by that name. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public HttpResponse<String> postReferral(String json, String apiKey) {
        return post(PipelineService.REFERRAL_INTAKE, "/api/v1/referrals", json, apiKey);
    }

    public HttpResponse<String> notificationsOf(UUID referralId, String apiKey) {
        return get(PipelineService.NOTIFICATION_SERVICE, "/api/v1/referrals/" + referralId + "/notifications",
                apiKey);
    }

    /** What the service's Prometheus endpoint exposes now. */
    public String metrics(PipelineService service) {
        return get(service, "/actuator/prometheus", null).body();
    }

    /** A GET on the service, with the API key unless it is {@code null}. */
    public HttpResponse<String> get(PipelineService service, String path, String apiKey) {
        return get(url(service, path), apiKey);
    }

    public HttpResponse<String> get(URI uri, String apiKey) {
        return send(withKey(HttpRequest.newBuilder(uri).GET(), apiKey));
    }

    public HttpResponse<String> post(PipelineService service, String path, String json, String apiKey) {
        return post(url(service, path), json, apiKey);
    }

    public HttpResponse<String> post(URI uri, String json, String apiKey) {
        return send(withKey(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), apiKey));
    }

    public HttpResponse<String> put(PipelineService service, String path, String json, String apiKey) {
        return put(url(service, path), json, apiKey);
    }

    public HttpResponse<String> put(URI uri, String json, String apiKey) {
        return send(withKey(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), apiKey));
    }

    /** Submissions on the submitted topic, each keyed by its agency reference as agency systems key them. */
    public void publish(ReferralSubmitted... submissions) {
        publish(SUBMITTED, List.of(submissions), ReferralSubmitted::getAgencyReference);
    }

    /** Records on a topic under one key, in order, as the service that owns the topic would publish them. */
    @SafeVarargs
    public final <T extends SpecificRecord> void publish(String topic, String key, T... values) {
        publish(topic, List.of(values), value -> key);
    }

    /** Records on a topic in order, each under the key its owner would give it. */
    public <T extends SpecificRecord> void publish(String topic, List<T> values, Function<? super T, String> keyOf) {
        writer.publish(topic, values, keyOf);
    }

    /** Bytes that need not be a record at all, as a broken agency system might publish them. */
    public void publishRawBytes(String topic, String key, byte[] value) {
        writer.publishBytes(topic, key, value);
    }

    /** Every committed record on the topic now, read from the start until the topic has been quiet for a while. */
    public <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic) {
        return topics.readAll(topic);
    }

    /** The values of {@link #readAll(String)}. */
    public <T extends SpecificRecord> List<T> readAllValues(String topic) {
        return this.<T>readAll(topic).stream().map(ConsumerRecord::value).toList();
    }

    public List<ConsumerRecord<String, byte[]>> readAllBytes(String topic) {
        return topics.readAllBytes(topic);
    }

    /** Every notification to the referrer of the given agency reference, as published. */
    public List<ReferrerNotified> notificationsTo(String agencyReference) {
        return this.<ReferrerNotified>readAllValues("referrer.notifications.v1").stream()
                .filter(notified -> agencyReference.equals(notified.getAgencyReference()))
                .toList();
    }

    /** The first column of each row the query answers, as text. */
    public List<String> query(String sql, Object... parameters) {
        return query(sql, row -> row.getString(1), parameters);
    }

    /** Each row the query answers, read into a value. */
    public <T> List<T> query(String sql, RowReader<T> rowReader, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rowReader.read(rows));
                }
            }
            return values;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI url(PipelineService service, String path) {
        return serviceUrls.apply(service).resolve(path);
    }

    private static HttpRequest withKey(HttpRequest.Builder request, String apiKey) {
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return request.build();
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
