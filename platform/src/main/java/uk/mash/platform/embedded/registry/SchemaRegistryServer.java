package uk.mash.platform.embedded.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.mash.platform.embedded.http.PromptHttpServers;
import uk.mash.platform.embedded.registry.RegistryStore.Registration;
import uk.mash.platform.embedded.registry.RegistryStore.StoredVersion;
import uk.mash.platform.registry.SchemaIncompatibilities;

/**
 * A minimal schema registry speaking the Confluent REST API, for the local stack and tests only: Confluent's registry
 * is not on Maven Central and there is no container runtime to run it in. Avro only, one compatibility level
 * (BACKWARD), no deletes, no schema references. Durable in PostgreSQL, so ids are stable across restarts.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    public static final String COMPATIBILITY_LEVEL = "BACKWARD";

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private static final int THREADS = 4;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore store;
    private final String host;
    private final int requestedPort;

    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param dataSource where subjects and schemas are kept; tables are created in schema {@code registry}
     * @param host the address to listen on, e.g. {@code localhost}
     * @param port the port to listen on, or 0 for any free one
     */
    public SchemaRegistryServer(DataSource dataSource, String host, int port) {
        this.store = new RegistryStore(dataSource);
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        this.requestedPort = port;
    }

    /** Creates the tables if they are not there yet, then starts listening. */
    public synchronized SchemaRegistryServer start() {
        if (server != null) {
            throw new IllegalStateException("Schema registry server already started at " + baseUrl());
        }
        try {
            store.createTables();
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create the schema registry's tables", e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, new NamedDaemonThreads());
        try {
            HttpServer http = PromptHttpServers.create(new InetSocketAddress(host, requestedPort));
            http.setExecutor(pool);
            http.createContext("/", this::handle);
            http.start();
            server = http;
            executor = pool;
        }
        catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException("Could not listen on " + host + ":" + requestedPort, e);
        }
        log.info("Schema registry listening at {}", baseUrl());
        return this;
    }

    /** The port listened on: the bound one when started on port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Schema registry server is not started");
        }
        return server.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://localhost:8081}. */
    public synchronized URI baseUrl() {
        int port = port();
        InetSocketAddress bound = server.getAddress();
        String name = bound.getAddress().isAnyLocalAddress() ? "localhost" : host;
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return URI.create("http://" + name + ":" + port);
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI()), exchange);
            }
            catch (ApiError e) {
                reply = e.reply();
            }
            catch (SQLException | RuntimeException e) {
                log.error("Schema registry failed to answer {} {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e);
                reply = error(500, 50001, "Error in the backend data store");
            }
            send(exchange, reply);
        }
        catch (IOException e) {
            log.debug("Schema registry could not send an answer; the client has probably gone", e);
        }
    }

    private Reply route(String method, List<String> path, HttpExchange exchange) throws IOException, SQLException {
        int size = path.size();
        if (size == 0) {
            requireMethod(method, "GET");
            return ok(JSON.createObjectNode());
        }
        switch (path.get(0)) {
            case "config" -> {
                if (size == 1) {
                    requireMethod(method, "GET");
                    return ok(JSON.createObjectNode().put("compatibilityLevel", COMPATIBILITY_LEVEL));
                }
            }
            case "schemas" -> {
                if (size >= 3 && size <= 4 && path.get(1).equals("ids")
                        && (size == 3 || path.get(3).equals("schema"))) {
                    requireMethod(method, "GET");
                    return schemaById(path.get(2), size == 4);
                }
            }
            case "subjects" -> {
                if (size == 1) {
                    requireMethod(method, "GET");
                    ArrayNode subjects = JSON.createArrayNode();
                    store.subjects().forEach(subjects::add);
                    return ok(subjects);
                }
                String subject = path.get(1);
                if (size == 2) {
                    requireMethod(method, "POST");
                    return lookUp(subject, schemaFrom(exchange));
                }
                if (size == 3 && path.get(2).equals("versions")) {
                    if (method.equals("POST")) {
                        return register(subject, schemaFrom(exchange));
                    }
                    requireMethod(method, "GET");
                    return versions(subject);
                }
                if (size == 4 && path.get(2).equals("versions")) {
                    requireMethod(method, "GET");
                    return version(subject, path.get(3));
                }
            }
            case "compatibility" -> {
                if (size == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    requireMethod(method, "POST");
                    return compatibility(path.get(2), path.get(4), schemaFrom(exchange));
                }
            }
            default -> {
                // no other top-level resources; answered as not found below
            }
        }
        throw new ApiError(404, 404, "HTTP 404 Not Found");
    }

    private Reply register(String subject, Schema schema) throws SQLException {
        Registration registration = store.register(subject, schema);
        if (registration instanceof Registration.Incompatible incompatible) {
            throw new ApiError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\": " + incompatible.description());
        }
        Registration.Registered registered = (Registration.Registered) registration;
        if (registered.created()) {
            log.info("Registered schema id {} as version {} of subject {}", registered.id(), registered.version(),
                    subject);
        }
        return ok(JSON.createObjectNode().put("id", registered.id()));
    }

    private Reply schemaById(String idText, boolean rawSchemaOnly) throws SQLException {
        int id;
        try {
            id = Integer.parseInt(idText);
        }
        catch (NumberFormatException e) {
            throw schemaNotFound();
        }
        String text = store.schemaText(id).orElseThrow(SchemaRegistryServer::schemaNotFound);
        if (rawSchemaOnly) {
            try {
                return ok(JSON.readTree(text));
            }
            catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored schema id " + id + " is not JSON", e);
            }
        }
        return ok(JSON.createObjectNode().put("schema", text));
    }

    private Reply versions(String subject) throws SQLException {
        List<Integer> versions = store.versions(subject);
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        ArrayNode array = JSON.createArrayNode();
        versions.forEach(array::add);
        return ok(array);
    }

    private Reply version(String subject, String versionText) throws SQLException {
        return ok(describe(stored(subject, versionText)));
    }

    private Reply lookUp(String subject, Schema schema) throws SQLException {
        Optional<StoredVersion> found = store.find(subject, schema);
        if (found.isPresent()) {
            return ok(describe(found.get()));
        }
        if (store.latest(subject).isEmpty()) {
            throw subjectNotFound(subject);
        }
        throw schemaNotFound();
    }

    private Reply compatibility(String subject, String versionText, Schema schema) throws SQLException {
        StoredVersion against = stored(subject, versionText);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, new Schema.Parser().parse(against.schema()));
        ObjectNode answer = JSON.createObjectNode();
        boolean compatible = compatibility.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        answer.put("is_compatible", compatible);
        if (!compatible) {
            ArrayNode messages = answer.putArray("messages");
            SchemaIncompatibilities.messages(compatibility).forEach(messages::add);
        }
        return ok(answer);
    }

    private StoredVersion stored(String subject, String versionText) throws SQLException {
        if (versionText.equals("latest") || versionText.equals("-1")) {
            return store.latest(subject).orElseThrow(() -> subjectNotFound(subject));
        }
        int version;
        try {
            version = Integer.parseInt(versionText);
        }
        catch (NumberFormatException e) {
            version = 0;
        }
        if (version <= 0) {
            throw new ApiError(422, 42202, "The specified version '" + versionText + "' is not a valid version id. "
                    + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        Optional<StoredVersion> found = store.version(subject, version);
        if (found.isPresent()) {
            return found.get();
        }
        if (store.latest(subject).isEmpty()) {
            throw subjectNotFound(subject);
        }
        throw new ApiError(404, 40402, "Version " + version + " not found.");
    }

    private static ObjectNode describe(StoredVersion stored) {
        return JSON.createObjectNode()
                .put("subject", stored.subject())
                .put("version", stored.version())
                .put("id", stored.id())
                .put("schema", stored.schema());
    }

    /** Reads {@code {"schema": "..."}} and parses it, refusing what Avro would refuse. */
    private static Schema schemaFrom(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiError(413, 413, "Request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            body = JSON.readTree(bytes);
        }
        catch (JsonProcessingException e) {
            throw new ApiError(400, 400, "Request body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, 400, "Request body must be a JSON object with a \"schema\" field");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new ApiError(422, 42201, "Invalid schema: only AVRO schemas are supported here");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new ApiError(422, 42201, "Invalid schema: schema references are not supported here");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.textValue().isBlank()) {
            throw new ApiError(422, 42201, "Invalid schema: the request has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(schema.textValue());
        }
        catch (AvroRuntimeException e) {
            throw new ApiError(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static List<String> segments(URI uri) {
        String raw = uri.getRawPath();
        List<String> segments = new ArrayList<>();
        if (raw == null) {
            return segments;
        }
        for (String segment : Arrays.asList(raw.split("/"))) {
            if (!segment.isEmpty()) {
                // a '+' in a path is a plus, not the space URLDecoder takes it for in a query
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiError(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    private static ApiError subjectNotFound(String subject) {
        return new ApiError(404, 40401, "Subject '" + subject + "' not found.");
    }

    private static ApiError schemaNotFound() {
        return new ApiError(404, 40403, "Schema not found");
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    private static Reply error(int status, int errorCode, String message) {
        return new Reply(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    /** A refusal in the registry's JSON error shape; thrown to unwind out of routing. */
    private static final class ApiError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final int errorCode;

        ApiError(int status, int errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }

        Reply reply() {
            return error(status, errorCode, getMessage());
        }
    }

    private static final class NamedDaemonThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
