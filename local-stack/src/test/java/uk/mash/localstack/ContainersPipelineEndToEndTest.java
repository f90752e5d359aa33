package uk.mash.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;

import uk.mash.events.CaseRouted;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferrerNotified;

/**
 * The pipeline end to end against the same images as docker-compose.yml (Apache Kafka in KRaft mode, PostgreSQL and
 * the Confluent Schema Registry) instead of the embedded infrastructure of {@link PipelineEndToEndTest}, so the
 * services are shown to work against the real products and not only their in-JVM stand-ins. Skipped where there is
 * no Docker engine.
 *
 * <p>The containers are not given to the services with {@code @ServiceConnection}: that annotation feeds connection
 * details into the test's own Spring application context, and this test has none. Each service is a separate Spring
 * application started by {@link PipelineServices}, configured as it would be when deployed, so the containers'
 * addresses are handed to the launcher as the command-line settings a deployment would give it.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    private static final String KAFKA_NETWORK_ALIAS = "kafka";
    private static final String KAFKA_IN_NETWORK_LISTENER = KAFKA_NETWORK_ALIAS + ":19092";
    private static final int REGISTRY_PORT = 8081;

    private static final Network NETWORK = Network.newNetwork();

    /**
     * {@code org.testcontainers.kafka.KafkaContainer} is the Testcontainers 2 class for the {@code apache/kafka}
     * images; {@code ConfluentKafkaContainer} is for {@code confluentinc/cp-kafka}.
     */
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0")
            .withNetwork(NETWORK)
            .withNetworkAliases(KAFKA_NETWORK_ALIAS)
            // the registry runs in another container, so it cannot use the listener advertised to the host
            .withListener(KAFKA_IN_NETWORK_LISTENER)
            // stated rather than left to Testcontainers' defaults: every service produces in Kafka transactions,
            // which cannot begin while one broker is asked for the default replication of 3
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine")
            .withNetwork(NETWORK)
            .withDatabaseName("referrals")
            .withUsername("referrals")
            .withPassword("referrals");

    @Container
    static final GenericContainer<?> SCHEMA_REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.0")
            .withNetwork(NETWORK)
            .withNetworkAliases("schema-registry")
            .dependsOn(KAFKA)
            .withExposedPorts(REGISTRY_PORT)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_IN_NETWORK_LISTENER)
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
            // as in docker-compose.yml, so a schema change the real registry would refuse fails here too
            .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
            .waitingFor(Wait.forHttp("/subjects").forPort(REGISTRY_PORT).forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(2)));

    static PipelineServices services;
    static PipelineDriver driver;

    @BeforeAll
    static void startServices() {
        String registryUrl = "http://" + SCHEMA_REGISTRY.getHost() + ":" + SCHEMA_REGISTRY.getMappedPort(REGISTRY_PORT);
        // no fixed ports: they would clash with a local stack or another build running on the same machine
        services = new PipelineServices(KAFKA.getBootstrapServers(), POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword(), registryUrl, Map.of());
        DevelopmentSecrets.fresh().arguments().forEach(services::addArguments);
        services.startAll();
        driver = new PipelineDriver(KAFKA.getBootstrapServers(), registryUrl, services::url,
                new PipelineDriver.Database(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword()));
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    @Test
    void referralSubmittedOverRestReachesTheReferrersNotification() {
        HttpResponse<String> accepted = driver.postReferral(PipelineDriver.sampleReferralJson("TC-REST-1"),
                DemoClients.SCHOOL.apiKey());

        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID referralId = UUID.fromString(PipelineDriver.json(accepted).get("referralId").asText());

        JsonNode notifications = PipelineDriver.json(await().atMost(PIPELINE).until(
                () -> driver.notificationsOf(referralId, DemoClients.SCHOOL.apiKey()),
                response -> response.statusCode() == 200 && !PipelineDriver.json(response).isEmpty()));
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(notifications.get(0).get("agencyReference").asText()).isEqualTo("TC-REST-1");

        List<CaseRouted> earlyHelp = driver.<CaseRouted>readAll("early-help.cases.v1").stream()
                .map(ConsumerRecord::value)
                .filter(routed -> referralId.toString().equals(routed.getReferralId().toString()))
                .toList();
        assertThat(earlyHelp).singleElement()
                .satisfies(routed -> assertThat(routed.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP));
    }

    @Test
    void referralPublishedToKafkaReachesTheReferrersNotification() {
        driver.publish(ReferralSubmissions.aReferral().withAgencyReference("TC-KAFKA-1").build());

        ReferrerNotified notified = await().atMost(PIPELINE).until(
                () -> driver.notificationsTo("TC-KAFKA-1"), list -> !list.isEmpty()).get(0);

        assertThat(notified.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
    }
}
