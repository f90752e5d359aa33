package uk.mash.notify.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.notify.operations.DeadLetterRepublisher.Dismissal;
import uk.mash.platform.kafka.DeadLetterPublisher;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.embedded.kafka.KraftBroker;
import uk.mash.platform.testing.ServiceDatabase;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Dead letters republished from the operations page, on a real KRaft broker: back to the topic they came from with
 * their key, value and own headers and where they first failed, once each however often it is asked, and no longer
 * counted as waiting. Dead letters dismissed one by one, stored in the notifier's real PostgreSQL: neither counted
 * nor listed as waiting, and passed over when their topic is republished.
 */
class DeadLetterRepublisherTest {

    private static final OperationsSettings SETTINGS = new OperationsSettings(Map.of(), Duration.ofSeconds(15),
            Duration.ofSeconds(10), Duration.ofMinutes(5), "operations-dead-letter-republish",
            "notification-service-operations-republish-test");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final String OPERATOR = "on-call-operator";

    @TempDir
    static Path logDir;

    private static KraftBroker broker;
    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static DeadLetterDismissals dismissals;

    @BeforeAll
    static void startBroker() {
        broker = KraftBroker.start(logDir, 0, Map.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        dismissals = new DeadLetterDismissals(database.jdbc(), new JdbcTransactionManager(database.dataSource()),
                new AuditTrail(database.jdbc(), clock), clock);
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

        assertThat(republisher.republish(deadLetters, OPERATOR).to()).containsExactlyEntriesOf(Map.of(outcomes, 2));
        assertThat(republisher.republish(deadLetters, OPERATOR).to()).as("nothing twice").isEmpty();

        List<ConsumerRecord<String, String>> republished = readAll(outcomes, 2);
        assertThat(republished).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactlyInAnyOrder(
                tuple("referral-1", "{\"version\":1}"),
                tuple("referral-2", "{\"version\":2}"));
        assertThat(republished).allSatisfy(record -> {
            assertThat(header(record, DeadLetterRepublisher.REPUBLISHED_BY_HEADER)).isEqualTo(OPERATOR);
            assertThat(header(record, "traceparent")).as("the record's own headers kept").isEqualTo("00-trace");
            assertThat(record.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("kafka_dlt-"));
        });
        assertThat(waitingOn(deadLetters)).isZero();

        deadLetter(deadLetters, "referral-3", "{\"version\":3}");
        assertThat(waitingOn(deadLetters)).isEqualTo(1);
        assertThat(republisher.republish(deadLetters, OPERATOR).to()).containsExactlyEntriesOf(Map.of(outcomes, 1));
        assertThat(readAll(outcomes, 3)).hasSize(3);
    }

    @Test
    void aDismissedDeadLetterIsNeitherCountedNorListedNorRepublishedWhileTheOthersAre() throws Exception {
        String submitted = "submitted-" + UUID.randomUUID();
        String deadLetters = submitted + "-dlt";
        createTopics(submitted, deadLetters);
        deadLetter(deadLetters, "SCH-1", "{\"ref\":1}");
        deadLetter(deadLetters, "SCH-2", "not Avro");
        deadLetter(deadLetters, "SCH-3", "{\"ref\":3}");
        DeadLetterRepublisher republisher = republisherOf(deadLetters);
        DeadLetterPosition sentAgain = positionOf(deadLetters, "SCH-2");
        String reason = "SCH-2 was sent again, corrected, and received.";

        Dismissal dismissal = republisher.dismiss(sentAgain, OPERATOR, reason);

        assertThat(dismissal.outcome()).isEqualTo(Dismissal.Outcome.DISMISSED);
        DeadLetters waiting = deadLettersOn(deadLetters);
        assertThat(waiting.waiting()).isEqualTo(2);
        assertThat(waiting.reasons()).containsExactlyEntriesOf(Map.of("IllegalStateException", 2L));
        assertThat(waiting.oldest()).extracting(DeadLetters.Waiting::key).containsExactlyInAnyOrder("SCH-1", "SCH-3");
        assertThat(database.jdbc().queryForMap("select dismissed_by, dismissed_at, reason from dead_letter_dismissal "
                + "where dead_letter_topic = ? and dead_letter_partition = ? and dead_letter_offset = ?",
                deadLetters, sentAgain.partition(), sentAgain.offset()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("dismissed_by", OPERATOR,
                        "dismissed_at", Timestamp.from(NOW), "reason", reason));
        assertThat(database.jdbc().queryForList("select actor, occurred_at, reason from audit_event "
                + "where action = 'DEAD_LETTER_DISMISSED' and reason like ?", deadLetters + "%"))
                .as("who, when and why; where it is, nothing it holds").containsExactly(Map.of("actor", OPERATOR,
                        "occurred_at", Timestamp.from(NOW), "reason", sentAgain + "; " + reason));

        DeadLetterRepublisher.Republished republished = republisher.republish(deadLetters, OPERATOR);

        assertThat(republished.to()).containsExactlyEntriesOf(Map.of(submitted, 2));
        assertThat(republished.dismissedPassedOver()).isEqualTo(1);
        assertThat(readAll(submitted, 2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("SCH-1", "SCH-3");
        assertThat(waitingOn(deadLetters)).as("moved past the dismissed one too").isZero();
    }

    @Test
    void aDeadLetterDismissedOrRepublishedBeforeOrNotThereIsLeftAsItIsAndSaysWhy() throws Exception {
        String outcomes = "outcomes-" + UUID.randomUUID();
        String deadLetters = outcomes + "-dlt";
        createTopics(outcomes, deadLetters);
        deadLetter(deadLetters, "referral-1", "{\"version\":1}");
        deadLetter(deadLetters, "referral-2", "{\"version\":1}");
        DeadLetterRepublisher republisher = republisherOf(deadLetters);
        DeadLetterPosition first = positionOf(deadLetters, "referral-1");
        DeadLetterPosition second = positionOf(deadLetters, "referral-2");
        republisher.dismiss(first, OPERATOR, "Resolved by telephone.");

        Dismissal again = republisher.dismiss(first, "another-operator", "Resolved.");

        assertThat(again.outcome()).isEqualTo(Dismissal.Outcome.DISMISSED_BEFORE);
        assertThat(again.before()).isEqualTo(new DeadLetterDismissals.Dismissed(OPERATOR, NOW,
                "Resolved by telephone."));
        assertThat(republisher.dismiss(new DeadLetterPosition(deadLetters, first.partition(), first.offset() + 1),
                OPERATOR, "Resolved.").outcome()).as("its transaction's commit marker, not a record")
                .isEqualTo(Dismissal.Outcome.NO_SUCH_DEAD_LETTER);
        assertThat(republisher.dismiss(new DeadLetterPosition(deadLetters, 0, 1_000), OPERATOR, "Resolved.")
                .outcome()).isEqualTo(Dismissal.Outcome.NO_SUCH_DEAD_LETTER);
        assertThat(republisher.dismiss(new DeadLetterPosition(deadLetters, 7, 0), OPERATOR, "Resolved.").outcome())
                .isEqualTo(Dismissal.Outcome.NO_SUCH_DEAD_LETTER);

        republisher.republish(deadLetters, OPERATOR);

        assertThat(republisher.dismiss(second, OPERATOR, "Resolved.").outcome())
                .isEqualTo(Dismissal.Outcome.REPUBLISHED_BEFORE);
        assertThat(database.jdbc().queryForObject("select count(*) from audit_event "
                + "where action = 'DEAD_LETTER_DISMISSED' and reason like ?", Long.class, deadLetters + "%"))
                .as("only the dismissal made").isEqualTo(1);
    }

    @Test
    void aRecordRepublishedCarriesWhereItFirstFailedKeptWhenItIsDeadLetteredAndRepublishedAgain() throws Exception {
        String submitted = "submitted-" + UUID.randomUUID();
        String deadLetters = submitted + "-dlt";
        createTopics(submitted, deadLetters);
        deadLetter(deadLetters, "SCH-1", "not Avro", 1, 17);
        DeadLetterRepublisher republisher = republisherOf(deadLetters);

        republisher.republish(deadLetters, OPERATOR);

        ConsumerRecord<String, String> republished = readAll(submitted, 1).get(0);
        String firstFailedAt = submitted + "/1/17";
        assertThat(header(republished, DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER)).isEqualTo(firstFailedAt);

        deadLetterAgain(deadLetters, republished);
        republisher.republish(deadLetters, "another-operator");

        assertThat(readAll(submitted, 2)).extracting(record -> header(record,
                DeadLetterPublisher.FIRST_DEAD_LETTERED_AT_HEADER)).containsExactly(firstFailedAt, firstFailedAt);
    }

    @Test
    void theWaitingFigureTheAlertReadsLeavesOutADismissedDeadLetter() throws Exception {
        TopicCatalogue topics = new Binder(new MapConfigurationPropertySource()).bindOrCreate("referrals.topics",
                TopicCatalogue.class);
        String deadLetters = TopicCatalogue.deadLetterTopicOf(topics.submitted());
        createTopics(topics.submitted(), deadLetters);
        deadLetter(deadLetters, "SCH-BAD-1", "not Avro");
        deadLetter(deadLetters, "SCH-BAD-2", "not Avro");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ConsumerLagMonitor monitor = new ConsumerLagMonitor(
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())),
                new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers())), dismissals, SETTINGS, topics, Clock.systemUTC(), meters);
        try {
            republisherOf(deadLetters).dismiss(positionOf(deadLetters, "SCH-BAD-1"), OPERATOR, "Sent again.");

            monitor.read();

            assertThat(meters.get("referrals.dead.letter.waiting").tag("topic", deadLetters).gauge().value())
                    .isEqualTo(1);
            assertThat(monitor.latest().deadLetters()).filteredOn(topic -> topic.topic().equals(deadLetters))
                    .singleElement().satisfies(topic -> assertThat(topic.oldest())
                            .extracting(DeadLetters.Waiting::key).containsExactly("SCH-BAD-2"));
        }
        finally {
            monitor.destroy();
        }
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
                List.of(deadLetterTopic), dismissals);
    }

    private static long waitingOn(String deadLetterTopic) throws ConsumerLagReader.LagNotReadException {
        return deadLettersOn(deadLetterTopic).waiting();
    }

    /** As the operations page and the metrics see them. */
    private static DeadLetters deadLettersOn(String deadLetterTopic) throws ConsumerLagReader.LagNotReadException {
        try (ConsumerLagReader reader = new ConsumerLagReader(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), Duration.ofSeconds(10),
                Clock.systemUTC())) {
            return reader.read(Map.of(), List.of(deadLetterTopic), SETTINGS.republishGroup(),
                    dismissals.on(List.of(deadLetterTopic))).deadLetters().get(0);
        }
    }

    /** Where the dead letter with this key is, as the operations page lists it. */
    private static DeadLetterPosition positionOf(String deadLetterTopic, String key)
            throws ConsumerLagReader.LagNotReadException {
        DeadLetters.Waiting waiting = deadLettersOn(deadLetterTopic).oldest().stream()
                .filter(record -> key.equals(record.key())).findFirst().orElseThrow();
        return new DeadLetterPosition(deadLetterTopic, waiting.partition(), waiting.offset());
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

    private static void deadLetter(String deadLetterTopic, String key, String value) {
        deadLetter(deadLetterTopic, key, value, 0, 0);
    }

    /**
     * As a service's dead-letter recoverer writes one: in a transaction, with Spring's dead-letter headers naming where
     * it failed.
     */
    private static void deadLetter(String deadLetterTopic, String key, String value, int failedOnPartition,
            long failedAtOffset) {
        ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, key, value);
        record.headers().add("traceparent", bytes("00-trace"));
        send(withDeadLetterHeaders(record, deadLetterTopic.replace("-dlt", ""), failedOnPartition, failedAtOffset));
    }

    /** A republished record that failed again, dead-lettered with its own headers as the recoverer does. */
    private static void deadLetterAgain(String deadLetterTopic, ConsumerRecord<String, String> failed) {
        ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, null, failed.key(),
                failed.value(), new RecordHeaders(failed.headers().toArray()));
        send(withDeadLetterHeaders(record, failed.topic(), failed.partition(), failed.offset()));
    }

    private static ProducerRecord<String, String> withDeadLetterHeaders(ProducerRecord<String, String> record,
            String failedOn, int partition, long offset) {
        record.headers()
                .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(failedOn))
                .add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array())
                .add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array())
                .add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes("java.lang.IllegalStateException"));
        return record;
    }

    private static void send(ProducerRecord<String, String> record) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "service-" + UUID.randomUUID()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
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
