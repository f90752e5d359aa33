package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.events.ReferralReceived;
import uk.mash.platform.embedded.kafka.KraftBroker;
import uk.mash.platform.embedded.kafka.TopicReader;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.serde.AvroProjection;
import uk.mash.platform.serde.AvroSerializer;
import uk.mash.platform.serde.ReferralTestData;
import uk.mash.platform.testing.RegistryOverPostgres;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Over the real broker and registry: a record a listener read as a projection of its event, and then failed on, is
 * dead-lettered as the whole event it was read from, so that it can be put right and replayed.
 */
class DeadLetterPublisherTest {

    private static final String RECEIVED = "dead-letter-test.received";

    @TempDir
    static Path logDir;

    private static RegistryOverPostgres registry;
    private static KraftBroker broker;

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryOverPostgres.start();
        broker = KraftBroker.start(logDir, 0, Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        broker.close();
        registry.close();
    }

    @Test
    void aRecordReadAsAProjectionIsDeadLetteredAsTheWholeEventItWasReadFrom() throws Exception {
        createDeadLetterTopicOf(RECEIVED);
        ReferralReceived received = ReferralTestData.aReferralReceived().build();
        AvroSerializer<ReferralReceived> serializer = new AvroSerializer<>();
        serializer.configure(registryConfig(), false);
        byte[] message = serializer.serialize(RECEIVED, received);
        AvroProjection.ProjectedRecord projected = (AvroProjection.ProjectedRecord) new AvroProjection(
                SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(registryConfig())),
                ReferralReceived.class, "referralId", "receivedAt").deserialize(RECEIVED, message);

        publisher(new SimpleMeterRegistry()).accept(new ConsumerRecord<>(RECEIVED, 0, 42L,
                received.getReferralId().toString(), projected), new IllegalStateException("failed"));

        List<ConsumerRecord<String, ReferralReceived>> deadLetters = new TopicReader(broker.bootstrapServers(),
                registry.baseUrl().toString()).readAll(TopicCatalogue.deadLetterTopicOf(RECEIVED));
        assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.key()).isEqualTo(received.getReferralId().toString());
            assertThat(deadLetter.value()).isEqualTo(received);
        });
    }

    @Test
    void aRecordTheDatabaseRefusedIsDeadLetteredWithoutTheRowTheDatabaseQuoted() throws Exception {
        String topic = "dead-letter-test.refused";
        createDeadLetterTopicOf(topic);
        ReferralReceived received = ReferralTestData.aReferralReceived().build();
        SQLException refusal = new SQLException("ERROR: null value in column \"town\" violates not-null constraint\n"
                + "  Detail: Failing row contains (Fairweather, 2 Example Road, PE1 2AB).", "23502");

        publisher(new SimpleMeterRegistry()).accept(new ConsumerRecord<>(topic, 0, 7L,
                received.getReferralId().toString(), received), new DataIntegrityViolationException(
                        "insert into referral: " + refusal.getMessage(), refusal));

        ConsumerRecord<String, ReferralReceived> deadLetter = new TopicReader(broker.bootstrapServers(),
                registry.baseUrl().toString()).<ReferralReceived>readAll(TopicCatalogue.deadLetterTopicOf(topic))
                .get(0);
        String reason = new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                StandardCharsets.UTF_8);
        assertThat(reason).isEqualTo("DataIntegrityViolationException from SQLException, SQLSTATE 23502")
                .doesNotContain("Fairweather");
        assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE).value(),
                StandardCharsets.UTF_8)).doesNotContain("Fairweather");
        assertThat(deadLetter.value()).isEqualTo(received);
    }

    @Test
    void everyTopicsDeadLetterCountIsThereBeforeItsFirstDeadLetter() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        publisher(meters);

        assertThat(meters.get("referrals.dead.letter").tag("topic", RECEIVED).counter().count()).isZero();
    }

    private static DeadLetterPublisher publisher(SimpleMeterRegistry meters) {
        return new DeadLetterPublisher(template(ByteArraySerializer.class), template(AvroSerializer.class), meters,
                List.of(RECEIVED));
    }

    private static void createDeadLetterTopicOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TopicCatalogue.deadLetterTopicOf(topic), 1, (short) 1))).all()
                    .get();
        }
    }

    private static Map<String, Object> registryConfig() {
        return Map.of(SchemaRegistrySettings.URL_CONFIG, registry.baseUrl().toString());
    }

    private static KafkaTemplate<String, Object> template(Class<?> valueSerializer) {
        Map<String, Object> config = new HashMap<>(registryConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
