package uk.mash.notify.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.platform.embedded.kafka.KraftBroker;

/**
 * Dead letters republished from the operations page, on a real KRaft broker: back to the topic they came from with
 * their key, value and own headers, once each however often it is asked, and no longer counted as waiting.
 */
class DeadLetterRepublisherTest {

    private static final OperationsSettings SETTINGS = new OperationsSettings(Map.of(), Duration.ofSeconds(15),
            Duration.ofSeconds(10), Duration.ofMinutes(5), "operations-dead-letter-republish",
            "notification-service-operations-republish-test");

    @TempDir
    static Path logDir;

    private static KraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KraftBroker.start(logDir, 0, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void deadLettersGoBackToTheirTopicOnceEachWithTheirOwnHeadersAndWhoRepublishedThem() throws Exception {
        String outcomes = "outcomes-" + UUID.randomUUID();
        String deadLetters = outcomes + "-dlt";
        createTopics(outcomes, deadLetters);
        deadLetter(deadLetters, "referral-1", "{\"version\":1}");
        deadLetter(deadLetters, "referral-2", "{\"version\":2}");
        DeadLetterRepublisher republisher = republisherOf(deadLetters);

        assertThat(republisher.republish(deadLetters, "on-call-operator")).containsExactlyEntriesOf(Map.of(outcomes, 2));
        assertThat(republisher.republish(deadLetters, "on-call-operator")).as("nothing twice").isEmpty();

        List<ConsumerRecord<String, String>> republished = readAll(outcomes, 2);
        assertThat(republished).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
                tuple("referral-1", "{\"version\":1}"),
                tuple("referral-2", "{\"version\":2}"));
        assertThat(republished).allSatisfy(record -> {
            assertThat(header(record, DeadLetterRepublisher.REPUBLISHED_BY_HEADER)).isEqualTo("on-call-operator");
            assertThat(header(record, "traceparent")).as("the record's own headers kept").isEqualTo("00-trace");
            assertThat(record.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("kafka_dlt-"));
        });
        assertThat(waitingOn(deadLetters)).isZero();

        deadLetter(deadLetters, "referral-3", "{\"version\":3}");
        assertThat(waitingOn(deadLetters)).isEqualTo(1);
        assertThat(republisher.republish(deadLetters, "on-call-operator")).containsExactlyEntriesOf(Map.of(outcomes, 1));
        assertThat(readAll(outcomes, 3)).hasSize(3);
    }

    @Test
    void onlyThePipelinesDeadLetterTopicsCanBeRepublished() {
        DeadLetterRepublisher republisher = republisherOf("triage.outcomes.v1-dlt");

        assertThatThrownBy(() -> republisher.republish("triage.outcomes.v1", "on-call-operator"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DeadLetterRepublisher republisherOf(String deadLetterTopic) {
        return new DeadLetterRepublisher(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), SETTINGS,
                List.of(deadLetterTopic));
    }

    private static long waitingOn(String deadLetterTopic) throws ConsumerLagReader.LagNotReadException {
        try (ConsumerLagReader reader = new ConsumerLagReader(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), Duration.ofSeconds(10),
                Clock.systemUTC())) {
            return reader.read(Map.of(), List.of(deadLetterTopic), SETTINGS.republishGroup()).deadLetters().get(0)
                    .waiting();
        }
    }

    private static void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            List<NewTopic> created = new ArrayList<>();
            for (String topic : topics) {
                created.add(new NewTopic(topic, 2, (short) 1));
            }
            admin.createTopics(created).all().get();
        }
    }

    /** As a service's dead-letter recoverer writes one: in a transaction, with Spring's dead-letter headers. */
    private static void deadLetter(String deadLetterTopic, String key, String value) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "service-" + UUID.randomUUID()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, key, value);
            record.headers()
                    .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(deadLetterTopic.replace("-dlt", "")))
                    .add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes("java.lang.IllegalStateException"))
                    .add("traceparent", bytes("00-trace"));
            producer.send(record);
            producer.commitTransaction();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < giveUpAt) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one poll more: a record beyond those expected would be one republished twice
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            return records;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
