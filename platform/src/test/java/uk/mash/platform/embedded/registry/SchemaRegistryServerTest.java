package uk.mash.platform.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;

/** The embedded registry as Confluent clients see it: its REST API over HTTP, with PostgreSQL behind it. */
class SchemaRegistryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Schema CASE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Case", "namespace": "uk.mash.test",
             "fields": [{"name": "reference", "type": "string"}]}""");
    private static final Schema CASE_V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Case", "namespace": "uk.mash.test",
             "fields": [{"name": "reference", "type": "string"},
                        {"name": "open", "type": "boolean", "default": true}]}""");
    private static final Schema CASE_RETYPED = new Schema.Parser().parse("""
            {"type": "record", "name": "Case", "namespace": "uk.mash.test",
             "fields": [{"name": "reference", "type": "int"}]}""");

    private static EmbeddedPostgres postgres;
    private static SchemaRegistryServer server;

    @BeforeAll
    static void startRegistry() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        server = new SchemaRegistryServer(postgres.getPostgresDatabase(), "localhost", 0).start();
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void itReportsTheBoundPortWhenStartedOnPortZero() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo(URI.create("http://localhost:" + server.port()));
    }

    @Test
    void idsAreStableAfterTheServerRestartsOnTheSameDatabase(TestInfo test) {
        String subject = subject(test);
        int firstId;
        int secondId;
        try (SchemaRegistryServer first = new SchemaRegistryServer(postgres.getPostgresDatabase(), "localhost", 0)) {
            first.start();
            SchemaRegistryClient client = clientOf(first);
            firstId = client.register(subject, CASE_V1);
            secondId = client.register(subject, CASE_V2);
        }

        try (SchemaRegistryServer restarted =
                new SchemaRegistryServer(postgres.getPostgresDatabase(), "localhost", 0)) {
            restarted.start();
            SchemaRegistryClient client = clientOf(restarted);

            assertThat(client.getById(firstId)).isEqualTo(CASE_V1);
            assertThat(client.getById(secondId)).isEqualTo(CASE_V2);
            assertThat(client.register(subject, CASE_V1)).isEqualTo(firstId);
            assertThat(client.latest(subject)).hasValueSatisfying(latest -> {
                assertThat(latest.version()).isEqualTo(2);
                assertThat(latest.id()).isEqualTo(secondId);
            });
        }
    }

    @Test
    void concurrentRegistrationOfTheSameSchemaYieldsOneIdAndOneVersion(TestInfo test) throws Exception {
        String subject = subject(test);
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Concurrent", "namespace": "uk.mash.test",
                 "fields": [{"name": "at", "type": "long"}]}""");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Integer> register = () -> {
                    go.await();
                    return client().register(subject, schema);
                };
                ids.add(pool.submit(register));
            }
            go.countDown();
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get(30, TimeUnit.SECONDS));
            }

            assertThat(distinct).hasSize(1);
            assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo(JSON.readTree("[1]"));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameSchemaUnderAnotherSubjectReusesTheGlobalId(TestInfo test) {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Shared", "namespace": "uk.mash.test",
                 "fields": [{"name": "code", "type": "string"}]}""");

        int first = client().register(subject(test) + ".a-value", schema);
        int second = client().register(subject(test) + ".b-value", schema);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void whitespaceInTheSubmittedSchemaDoesNotMakeItADifferentSchema(TestInfo test) throws Exception {
        String subject = subject(test);
        int id = client().register(subject, CASE_V1);

        Reply reply = post("/subjects/" + subject + "/versions", schemaBody("""
                {  "type" : "record" ,  "name" : "Case", "namespace": "uk.mash.test",
                   "fields" : [ { "name" : "reference", "type" : "string" } ] }"""));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("id").intValue()).isEqualTo(id);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409NamingTheSubjectAndTheProblem(TestInfo test) throws Exception {
        String subject = subject(test);
        client().register(subject, CASE_V1);

        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(CASE_RETYPED.toString()));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("error_code").intValue()).isEqualTo(409);
        assertThat(reply.body().get("message").textValue())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\": ")
                .contains("TYPE_MISMATCH")
                .contains("/fields/0/type");
        assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void anInvalidSchemaIsRefusedWith422() throws Exception {
        Reply reply = post("/subjects/server-test.invalid-value/versions",
                schemaBody("{\"type\": \"record\", \"name\": \"Broken\", \"fields\": [{\"name\": \"x\"}]}"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().get("error_code").intValue()).isEqualTo(42201);
        assertThat(reply.body().get("message").textValue()).startsWith("Invalid schema");
    }

    @Test
    void aDefaultThatDoesNotMatchItsTypeIsRefusedWith422() throws Exception {
        Reply reply = post("/subjects/server-test.bad-default-value/versions", schemaBody("""
                {"type": "record", "name": "BadDefault", "fields": [
                  {"name": "count", "type": "int", "default": "many"}]}"""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().get("error_code").intValue()).isEqualTo(42201);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith400() throws Exception {
        Reply reply = post("/subjects/server-test.not-json-value/versions", "schema please");

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void aSchemaIsServedByIdAndAnUnknownIdIs40403(TestInfo test) throws Exception {
        int id = client().register(subject(test), CASE_V1);

        Reply found = get("/schemas/ids/" + id);
        Reply missing = get("/schemas/ids/424242");

        assertThat(found.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(found.body().get("schema").textValue())).isEqualTo(CASE_V1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(JSON.readTree("{\"error_code\":40403,\"message\":\"Schema not found\"}"));
    }

    @Test
    void subjectsAndTheirVersionsAreListed(TestInfo test) throws Exception {
        String subject = subject(test);
        client().register(subject, CASE_V1);
        client().register(subject, CASE_V2);

        assertThat(get("/subjects").body()).extracting(JsonNode::textValue).contains(subject);
        assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo(JSON.readTree("[1, 2]"));
    }

    @Test
    void aVersionIsServedByNumberOrAsLatest(TestInfo test) throws Exception {
        String subject = subject(test);
        int first = client().register(subject, CASE_V1);
        int second = client().register(subject, CASE_V2);

        JsonNode one = get("/subjects/" + subject + "/versions/1").body();
        JsonNode latest = get("/subjects/" + subject + "/versions/latest").body();

        assertThat(one.get("subject").textValue()).isEqualTo(subject);
        assertThat(one.get("version").intValue()).isEqualTo(1);
        assertThat(one.get("id").intValue()).isEqualTo(first);
        assertThat(new Schema.Parser().parse(one.get("schema").textValue())).isEqualTo(CASE_V1);
        assertThat(latest.get("version").intValue()).isEqualTo(2);
        assertThat(latest.get("id").intValue()).isEqualTo(second);
    }

    @Test
    void anUnknownSubjectIs40401AndAnUnknownVersionIs40402(TestInfo test) throws Exception {
        String subject = subject(test);
        client().register(subject, CASE_V1);

        Reply unknownSubject = get("/subjects/server-test.nobody-value/versions/latest");
        Reply unknownVersion = get("/subjects/" + subject + "/versions/7");
        Reply notAVersion = get("/subjects/" + subject + "/versions/first");

        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.body().get("error_code").intValue()).isEqualTo(40401);
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.body().get("error_code").intValue()).isEqualTo(40402);
        assertThat(notAVersion.status()).isEqualTo(422);
        assertThat(notAVersion.body().get("error_code").intValue()).isEqualTo(42202);
    }

    @Test
    void aSchemaIsLookedUpUnderASubject(TestInfo test) throws Exception {
        String subject = subject(test);
        int id = client().register(subject, CASE_V1);
        client().register(subject, CASE_V2);

        Reply found = post("/subjects/" + subject, schemaBody(CASE_V1.toString()));
        Reply notRegistered = post("/subjects/" + subject, schemaBody(CASE_RETYPED.toString()));
        Reply noSubject = post("/subjects/server-test.nobody-value", schemaBody(CASE_V1.toString()));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("subject").textValue()).isEqualTo(subject);
        assertThat(found.body().get("version").intValue()).isEqualTo(1);
        assertThat(found.body().get("id").intValue()).isEqualTo(id);
        assertThat(notRegistered.status()).isEqualTo(404);
        assertThat(notRegistered.body().get("error_code").intValue()).isEqualTo(40403);
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.body().get("error_code").intValue()).isEqualTo(40401);
    }

    @Test
    void compatibilityIsReportedWithMessagesWhenIncompatible(TestInfo test) throws Exception {
        String subject = subject(test);
        client().register(subject, CASE_V1);
        String path = "/compatibility/subjects/" + subject + "/versions/latest";

        Reply compatible = post(path, schemaBody(CASE_V2.toString()));
        Reply incompatible = post(path, schemaBody(CASE_RETYPED.toString()));
        Reply noSubject = post("/compatibility/subjects/server-test.nobody-value/versions/latest",
                schemaBody(CASE_V1.toString()));

        assertThat(compatible.body()).isEqualTo(JSON.readTree("{\"is_compatible\": true}"));
        assertThat(incompatible.body().get("is_compatible").booleanValue()).isFalse();
        assertThat(incompatible.body().get("messages")).isNotEmpty();
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.body().get("error_code").intValue()).isEqualTo(40401);
    }

    @Test
    void theCompatibilityLevelIsBackwardAndTheRootAnswers() throws Exception {
        assertThat(get("/config").body()).isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"BACKWARD\"}"));
        assertThat(get("/").body()).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() throws Exception {
        assertThat(get("/nothing/here").status()).isEqualTo(404);
        assertThat(post("/config", "{}").status()).isEqualTo(405);
    }

    private static SchemaRegistryClient client() {
        return clientOf(server);
    }

    private static SchemaRegistryClient clientOf(SchemaRegistryServer registry) {
        // a fresh client each time, so answers come from the server rather than a cache
        return new SchemaRegistryClient(SchemaRegistrySettings.of(registry.baseUrl()));
    }

    private static String subject(TestInfo test) {
        return "server-test." + test.getTestMethod().orElseThrow().getName() + "-value";
    }

    private static String schemaBody(String schema) throws IOException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
    }

    private static Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.baseUrl().resolve(path)).GET().build());
    }

    private static Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    private record Reply(int status, JsonNode body, String contentType) {
    }
}
