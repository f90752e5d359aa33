package uk.mash.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import uk.mash.platform.testing.RegistryOverPostgres;

/**
 * The client against the embedded registry server over real HTTP, and against tiny JDK servers where a behaviour of
 * the network (silence, a proxy's plain-text error, credentials) has to be staged.
 */
class SchemaRegistryClientTest {

    private static final Schema NOTE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "uk.mash.test",
             "fields": [{"name": "text", "type": "string"}]}""");
    private static final Schema NOTE_V2_WITH_DEFAULT = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "uk.mash.test",
             "fields": [{"name": "text", "type": "string"},
                        {"name": "status", "type": "string", "default": "OPEN"}]}""");
    private static final Schema NOTE_V2_WITHOUT_DEFAULT = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "namespace": "uk.mash.test",
             "fields": [{"name": "text", "type": "string"},
                        {"name": "author", "type": "string"}]}""");

    private static RegistryOverPostgres registry;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = RegistryOverPostgres.start();
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void registeringASchemaReturnsItsId(TestInfo test) {
        int id = newClient().register(subject(test), NOTE_V1);

        assertThat(id).isPositive();
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameId(TestInfo test) {
        int first = newClient().register(subject(test), NOTE_V1);

        int again = newClient().register(subject(test), NOTE_V1);

        assertThat(again).isEqualTo(first);
        assertThat(newClient().latest(subject(test))).hasValueSatisfying(latest -> {
            assertThat(latest.version()).isEqualTo(1);
            assertThat(latest.id()).isEqualTo(first);
        });
    }

    @Test
    void aSchemaIsFetchedByItsId(TestInfo test) {
        int id = newClient().register(subject(test), NOTE_V2_WITH_DEFAULT);

        Schema fetched = newClient().getById(id);

        assertThat(fetched).isEqualTo(NOTE_V2_WITH_DEFAULT);
    }

    @Test
    void anUnknownSchemaIdIsRefusedWithTheRegistrysErrorCode() {
        assertThatThrownBy(() -> newClient().getById(99999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("schema id 99999")
                .hasMessageContaining("Schema not found");
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409AndAMessageNamingTheSubject(TestInfo test) {
        SchemaRegistryClient client = newClient();
        client.register(subject(test), NOTE_V1);

        assertThatThrownBy(() -> client.register(subject(test), NOTE_V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.isRefusal()).isTrue();
                })
                .hasMessageContaining("incompatible with an earlier schema for subject \"" + subject(test) + "\"")
                .hasMessageContaining("author");
    }

    @Test
    void aCompatibleEvolutionIsAcceptedAsVersionTwo(TestInfo test) {
        SchemaRegistryClient client = newClient();
        int first = client.register(subject(test), NOTE_V1);

        int second = client.register(subject(test), NOTE_V2_WITH_DEFAULT);

        assertThat(second).isNotEqualTo(first);
        assertThat(client.latest(subject(test))).hasValueSatisfying(latest -> {
            assertThat(latest.subject()).isEqualTo(subject(test));
            assertThat(latest.version()).isEqualTo(2);
            assertThat(latest.id()).isEqualTo(second);
            assertThat(latest.schema()).isEqualTo(NOTE_V2_WITH_DEFAULT);
        });
    }

    @Test
    void compatibilityIsCheckedAgainstTheLatestVersion(TestInfo test) {
        SchemaRegistryClient client = newClient();
        client.register(subject(test), NOTE_V1);

        assertThat(client.isCompatible(subject(test), NOTE_V2_WITH_DEFAULT)).isTrue();
        assertThat(client.isCompatible(subject(test), NOTE_V2_WITHOUT_DEFAULT)).isFalse();
    }

    @Test
    void anySchemaIsCompatibleWithASubjectThatHasNoVersions() {
        assertThat(newClient().isCompatible("no-such-subject", NOTE_V2_WITHOUT_DEFAULT)).isTrue();
    }

    @Test
    void aSubjectWithNoVersionsHasNoLatest() {
        assertThat(newClient().latest("no-such-subject")).isEmpty();
    }

    @Test
    void subjectsWithCharactersThatNeedEscapingInAPathWork() {
        String subject = "odd subject/with+signs-value";
        SchemaRegistryClient client = newClient();

        int id = client.register(subject, NOTE_V1);

        assertThat(client.latest(subject)).hasValueSatisfying(latest -> {
            assertThat(latest.subject()).isEqualTo(subject);
            assertThat(latest.id()).isEqualTo(id);
        });
    }

    @Test
    void anUnreachableRegistryGivesAnExceptionNamingItsUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://localhost:" + closedPort);

        assertThatThrownBy(() -> new SchemaRegistryClient(SchemaRegistrySettings.of(url)).getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                    assertThat(e.isRefusal()).isFalse();
                })
                .hasMessageStartingWith("Schema registry at " + url + " is unreachable: ");
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeGivesATimeout() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = stubServer(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            URI url = urlOf(silent);
            SchemaRegistrySettings settings =
                    new SchemaRegistrySettings(url, Duration.ofSeconds(2), Duration.ofMillis(300), null, null);

            assertThatThrownBy(() -> new SchemaRegistryClient(settings).getById(1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("Schema registry at " + url + " timed out")
                    .hasMessageContaining("300 ms");
        }
        finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void anErrorThatIsNotJsonStillCarriesTheHttpStatus() throws IOException {
        HttpServer proxy = stubServer(exchange -> respond(exchange, 503, "text/plain", "upstream unavailable"));
        try {
            SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistrySettings.of(urlOf(proxy)));

            assertThatThrownBy(() -> client.register("some-subject", NOTE_V1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(503);
                        assertThat(e.errorCode()).isEqualTo(503);
                    })
                    .hasMessageContaining("HTTP 503")
                    .hasMessageContaining("some-subject");
        }
        finally {
            proxy.stop(0);
        }
    }

    @Test
    void basicAuthCredentialsAreSentWhenConfigured() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        HttpServer recorder = stubServer(exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            respond(exchange, 200, SchemaRegistryClient.CONTENT_TYPE, "{\"id\": 7}");
        });
        try {
            Map<String, Object> configs = new HashMap<>();
            configs.put(SchemaRegistrySettings.URL_CONFIG, urlOf(recorder).toString());
            configs.put(SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "mash-service:s3cret:with-colon");
            SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistrySettings.fromConfig(configs));

            assertThat(client.register("some-subject", NOTE_V1)).isEqualTo(7);

            assertThat(authorization.get()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("mash-service:s3cret:with-colon".getBytes(StandardCharsets.UTF_8)));
            assertThat(contentType.get()).isEqualTo("application/vnd.schemaregistry.v1+json");
        }
        finally {
            recorder.stop(0);
        }
    }

    @Test
    void noCredentialsAreSentWhenNoneAreConfigured() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>("not called");
        HttpServer recorder = stubServer(exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, SchemaRegistryClient.CONTENT_TYPE, "{\"schema\": \"\\\"string\\\"\"}");
        });
        try {
            Schema schema = new SchemaRegistryClient(SchemaRegistrySettings.of(urlOf(recorder))).getById(3);

            assertThat(schema.getType()).isEqualTo(Schema.Type.STRING);
            assertThat(authorization.get()).isNull();
        }
        finally {
            recorder.stop(0);
        }
    }

    @Test
    void settingsAreReadFromKafkaClientConfigWithDefaults() {
        SchemaRegistrySettings settings = SchemaRegistrySettings.fromConfig(
                Map.of(SchemaRegistrySettings.URL_CONFIG, "http://registry.example:8081/"));

        assertThat(settings.url()).isEqualTo(URI.create("http://registry.example:8081"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(10000));
        assertThat(settings.hasBasicAuth()).isFalse();
    }

    @Test
    void settingsReadTimeoutsAndCredentialsFromKafkaClientConfig() {
        SchemaRegistrySettings settings = SchemaRegistrySettings.fromConfig(Map.of(
                SchemaRegistrySettings.URL_CONFIG, "https://registry.example",
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "user:pa:ss",
                SchemaRegistrySettings.CONNECT_TIMEOUT_MS_CONFIG, 1500,
                SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, "2500"));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.username()).isEqualTo("user");
        assertThat(settings.password()).isEqualTo("pa:ss");
        assertThat(settings.toString()).doesNotContain("pa:ss");
    }

    @Test
    void credentialsGivenAsAKafkaPasswordAreRead() {
        SchemaRegistrySettings settings = SchemaRegistrySettings.fromConfig(Map.of(
                SchemaRegistrySettings.URL_CONFIG, "http://registry.example",
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, new Password("user:secret")));

        assertThat(settings.username()).isEqualTo("user");
        assertThat(settings.password()).isEqualTo("secret");
    }

    @Test
    void settingsWithoutARegistryUrlAreRefused() {
        assertThatThrownBy(() -> SchemaRegistrySettings.fromConfig(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void malformedCredentialsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> SchemaRegistrySettings.fromConfig(Map.of(
                SchemaRegistrySettings.URL_CONFIG, "http://registry.example",
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "justasecret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("justasecret");
    }

    @Test
    void sharedClientsAreOnePerSettings() {
        SchemaRegistrySettings settings = SchemaRegistrySettings.of(registry.baseUrl());

        assertThat(SchemaRegistryClient.shared(settings))
                .isSameAs(SchemaRegistryClient.shared(SchemaRegistrySettings.of(registry.baseUrl())))
                .isNotSameAs(SchemaRegistryClient.shared(SchemaRegistrySettings.of(URI.create("http://other:8081"))));
    }

    private static SchemaRegistryClient newClient() {
        // a fresh client each time, so answers come from the server rather than a cache
        return new SchemaRegistryClient(SchemaRegistrySettings.of(registry.baseUrl()));
    }

    private static String subject(TestInfo test) {
        return "client-test." + test.getTestMethod().orElseThrow().getName() + "-value";
    }

    private static HttpServer stubServer(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private static URI urlOf(HttpServer server) {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
