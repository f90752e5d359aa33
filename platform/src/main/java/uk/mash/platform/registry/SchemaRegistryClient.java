package uk.mash.platform.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Speaks the subset of the Confluent Schema Registry REST API that the Avro serde needs. Thread-safe. Schema ids are
 * immutable in a registry, so schemas fetched by id and ids returned by registration are cached for the life of the
 * client; use {@link #shared(SchemaRegistrySettings)} so that every serializer and deserializer Kafka creates shares
 * one cache and one connection pool.
 */
public final class SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ConcurrentMap<SchemaRegistrySettings, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final SchemaRegistrySettings settings;
    private final HttpClient http;
    private final String authorization;
    private final ConcurrentMap<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public SchemaRegistryClient(SchemaRegistrySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // HTTP/1.1 because registries (and the JDK's own server) do not all accept an h2c upgrade
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.authorization = settings.hasBasicAuth() ? "Basic " + Base64.getEncoder()
                .encodeToString((settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    /** One client per distinct settings, for the whole JVM. */
    public static SchemaRegistryClient shared(SchemaRegistrySettings settings) {
        Objects.requireNonNull(settings, "settings");
        return SHARED.computeIfAbsent(settings, SchemaRegistryClient::new);
    }

    public SchemaRegistrySettings settings() {
        return settings;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op in the registry if it is already there) and returns its
     * global id.
     *
     * @throws SchemaRegistryException if the registry refuses, e.g. 409 when the schema is incompatible
     */
    public int register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        String what = "register a schema under subject \"" + subject + "\"";
        JsonNode answer = send(what, post("/subjects/" + encode(subject) + "/versions", schemaBody(schema)));
        int id = requiredInt(answer, "id", what);
        registeredIds.putIfAbsent(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * The schema with global id {@code id}.
     *
     * @throws SchemaRegistryException if there is no such schema (404, error code 40403)
     */
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String what = "fetch schema id " + id;
        JsonNode answer = send(what, get("/schemas/ids/" + id));
        Schema schema = parse(requiredText(answer, "schema", what), what);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /**
     * Whether {@code schema} may be registered as the next version of {@code subject} under the registry's
     * compatibility rules. A subject with no versions yet has nothing to break, so any schema is compatible.
     */
    public boolean isCompatible(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        String what = "check compatibility with subject \"" + subject + "\"";
        HttpResponse<String> response = exchange(what,
                post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema)));
        if (response.statusCode() == 404) {
            RegistryError error = RegistryError.of(response);
            if (error.errorCode() == SUBJECT_NOT_FOUND || error.errorCode() == VERSION_NOT_FOUND) {
                return true;
            }
        }
        JsonNode answer = body(what, response);
        JsonNode compatible = answer.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw malformed(what, "is_compatible");
        }
        return compatible.booleanValue();
    }

    /** The latest version registered under {@code subject}, or empty if the subject has none. */
    public Optional<RegisteredSchema> latest(String subject) {
        requireSubject(subject);
        String what = "fetch the latest version of subject \"" + subject + "\"";
        HttpResponse<String> response = exchange(what, get("/subjects/" + encode(subject) + "/versions/latest"));
        if (response.statusCode() == 404) {
            RegistryError error = RegistryError.of(response);
            if (error.errorCode() == SUBJECT_NOT_FOUND || error.errorCode() == VERSION_NOT_FOUND) {
                return Optional.empty();
            }
        }
        JsonNode answer = body(what, response);
        int id = requiredInt(answer, "id", what);
        int version = requiredInt(answer, "version", what);
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(requiredText(answer, "schema", what), what);
            schemasById.putIfAbsent(id, schema);
        }
        JsonNode returnedSubject = answer.get("subject");
        String name = returnedSubject != null && returnedSubject.isTextual() ? returnedSubject.textValue() : subject;
        return Optional.of(new RegisteredSchema(name, version, id, schema));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode send(String what, HttpRequest request) {
        return body(what, exchange(what, request));
    }

    private HttpResponse<String> exchange(String what, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpConnectTimeoutException e) {
            throw new SchemaRegistryException("Schema registry at " + settings.url() + " is unreachable: no connection within "
                    + settings.connectTimeout().toMillis() + " ms", e);
        }
        catch (HttpTimeoutException e) {
            throw new SchemaRegistryException("Schema registry at " + settings.url() + " timed out: no answer within "
                    + settings.requestTimeout().toMillis() + " ms to " + what, e);
        }
        catch (ConnectException e) {
            throw new SchemaRegistryException(
                    "Schema registry at " + settings.url() + " is unreachable: " + describe(e), e);
        }
        catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + settings.url() + " is unreachable: "
                    + describe(e) + " (while trying to " + what + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    "Interrupted while waiting for schema registry at " + settings.url() + " to " + what, e);
        }
    }

    private JsonNode body(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            RegistryError error = RegistryError.of(response);
            throw new SchemaRegistryException("Schema registry at " + settings.url() + " refused to " + what + ": HTTP "
                    + status + ", error code " + error.errorCode() + ": " + error.message(), status, error.errorCode());
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw malformed(what, "a JSON object");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw new SchemaRegistryException(
                    "Schema registry at " + settings.url() + " sent an answer that is not JSON to " + what, e);
        }
    }

    private SchemaRegistryException malformed(String what, String expected) {
        return new SchemaRegistryException(
                "Schema registry at " + settings.url() + " sent an answer without " + expected + " to " + what, null);
    }

    private int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw malformed(what, "\"" + field + "\"");
        }
        return value.intValue();
    }

    private String requiredText(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(what, "\"" + field + "\"");
        }
        return value.textValue();
    }

    private Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        }
        catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema registry at " + settings.url()
                    + " sent a schema Avro cannot parse in answer to " + what + ": " + e.getMessage(), e);
        }
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        try {
            return JSON.writeValueAsString(body);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a schema as JSON", e);
        }
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }

    /** Percent-encodes a path segment; URLEncoder's '+' for space means a literal plus in a path. */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The JDK's HttpClient often throws ConnectException with no message, so fall back through the causes. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** The registry's JSON error body, or a stand-in when the body is not one. */
    private record RegistryError(int errorCode, String message) {

        static RegistryError of(HttpResponse<String> response) {
            int status = response.statusCode();
            try {
                JsonNode node = JSON.readTree(response.body());
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    JsonNode message = node.get("message");
                    return new RegistryError(code != null && code.isIntegralNumber() ? code.intValue() : status,
                            message != null && message.isTextual() ? message.textValue() : "HTTP " + status);
                }
            }
            catch (JsonProcessingException e) {
                // not every proxy in front of a registry answers in JSON; the status alone still says enough
            }
            return new RegistryError(status, "HTTP " + status);
        }
    }
}
