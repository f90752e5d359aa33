package uk.mash.notify.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;

import uk.mash.platform.embedded.kafka.KraftBroker;

/**
 * Consumer lag read from a real KRaft broker, from outside the groups, as the operations page and the lag metrics see
 * it. Each test has its own topics and group, so the tests share one broker.
 */
class ConsumerLagReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String REPUBLISHED = "operations-dead-letter-republish";

    @TempDir
    static Path logDir;

    private static KraftBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = KraftBroker.start(logDir, 0, Map.of());
        admin = Admin.create(adminConfig());
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void lagIsWhatTheGroupHasNotHandledDatedByTheOldestWaitingRecord() throws Exception {
        String topic = newTopic(1);
        try (Producer<String, String> producer = producer(null)) {
            for (int minutesAgo = 5; minutesAgo >= 1; minutesAgo--) {
                send(producer, topic, 0, NOW.minusSeconds(60L * minutesAgo));
            }
        }
        String group = committed(topic, 0, 2);

        PartitionLag lag = onlyPartitionOf(read(group), group);

        assertThat(lag.records()).isEqualTo(3);
        assertThat(lag.oldestWaitingSince()).as("the third record, sent three minutes ago")
                .isEqualTo(NOW.minusSeconds(180));
        assertThat(lag.ageSeconds(NOW)).isEqualTo(180);
    }

    @Test
    void aGroupThatHandledAWholeTransactionHasNothingWaitingThoughTheCommitMarkerFollows() throws Exception {
        String topic = newTopic(1);
        try (Producer<String, String> producer = producer("lag-test-" + UUID.randomUUID())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                send(producer, topic, 0, NOW.minusSeconds(600));
            }
            producer.commitTransaction();
        }
        String group = committed(topic, 0, 3);

        PartitionLag lag = onlyPartitionOf(read(group), group);

        assertThat(lag.records()).isZero();
        assertThat(lag.oldestWaitingSince()).isNull();
    }

    @Test
    void recordsOfATransactionNotYetCommittedAreNotWaitingForAnyone() throws Exception {
        String topic = newTopic(1);
        String group = committed(topic, 0, 0);
        try (Producer<String, String> producer = producer("lag-test-" + UUID.randomUUID())) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, topic, 0, NOW.minusSeconds(600));
            producer.flush();

            assertThat(onlyPartitionOf(read(group), group).records()).isZero();

            producer.abortTransaction();
        }
        assertThat(onlyPartitionOf(read(group), group).records()).as("nor are an aborted transaction's").isZero();
    }

    @Test
    void aPartitionTheGroupHasNotCommittedOnYetIsBehindFromItsFirstRecord() throws Exception {
        String topic = newTopic(2);
        try (Producer<String, String> producer = producer(null)) {
            send(producer, topic, 0, NOW.minusSeconds(60));
            send(producer, topic, 1, NOW.minusSeconds(120));
            send(producer, topic, 1, NOW.minusSeconds(30));
        }
        String group = committed(topic, 0, 1);

        List<PartitionLag> lags = read(group).partitions();

        assertThat(lags).extracting(PartitionLag::partition, PartitionLag::records, PartitionLag::oldestWaitingSince)
                .containsExactly(tuple(0, 0L, null),
                        tuple(1, 2L, NOW.minusSeconds(120)));
    }

    @Test
    void aServiceStoppedBeforeItHandledAnythingIsBehindOnTheTopicsItConsumesFromTheirFirstRecord() throws Exception {
        String topic = newTopic(1);
        try (Producer<String, String> producer = producer(null)) {
            send(producer, topic, 0, NOW.minusSeconds(90));
            send(producer, topic, 0, NOW.minusSeconds(10));
        }
        String group = "group-" + UUID.randomUUID();

        assertThat(read(group).partitions()).as("nothing committed, nothing named: nothing to measure from").isEmpty();
        PartitionLag lag = onlyPartitionOf(read(group, List.of(topic, "not-created-yet")), group);

        assertThat(lag.records()).isEqualTo(2);
        assertThat(lag.oldestWaitingSince()).isEqualTo(NOW.minusSeconds(90));
    }

    @Test
    void deadLettersWaitingAreCountedRecordByRecordWithTheirReasonsAndNotOnceRepublished() throws Exception {
        String deadLetters = newTopic(2) + "-dlt";
        admin.createTopics(List.of(new NewTopic(deadLetters, 2, (short) 1))).all().get();
        try (Producer<String, String> producer = producer("lag-test-" + UUID.randomUUID())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(deadLetter(deadLetters, 0, NOW.minusSeconds(7_200), KafkaHeaders.DLT_EXCEPTION_FQCN,
                    "org.springframework.dao.DataIntegrityViolationException"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(deadLetter(deadLetters, 1, NOW.minusSeconds(60), "referrals_unroutable-reason",
                    "NO_OPEN_CASE"));
            producer.send(deadLetter(deadLetters, 1, NOW.minusSeconds(30), "referrals_unroutable-reason",
                    "NO_OPEN_CASE"));
            producer.commitTransaction();
        }

        DeadLetters waiting = deadLettersOf(deadLetters);

        assertThat(waiting.waiting()).as("three records, though five offsets with the commit markers").isEqualTo(3);
        assertThat(waiting.oldestWaitingSince()).isEqualTo(NOW.minusSeconds(7_200));
        assertThat(waiting.reasons()).containsOnly(entry("DataIntegrityViolationException", 1L),
                entry("NO_OPEN_CASE", 2L));
        assertThat(waiting.oldest()).as("one by one, the oldest first")
                .extracting(DeadLetters.Waiting::partition, DeadLetters.Waiting::key, DeadLetters.Waiting::reason,
                        DeadLetters.Waiting::deadLetteredAt)
                .containsExactly(tuple(0, "referral-id", "DataIntegrityViolationException", NOW.minusSeconds(7_200)),
                        tuple(1, "referral-id", "NO_OPEN_CASE", NOW.minusSeconds(60)),
                        tuple(1, "referral-id", "NO_OPEN_CASE", NOW.minusSeconds(30)));

        admin.alterConsumerGroupOffsets(REPUBLISHED, Map.of(new TopicPartition(deadLetters, 0),
                new OffsetAndMetadata(2))).all().get();
        DeadLetters afterRepublishing = deadLettersOf(deadLetters);

        assertThat(afterRepublishing.waiting()).as("partition 0's republished past").isEqualTo(2);
        assertThat(afterRepublishing.reasons()).containsOnly(entry("NO_OPEN_CASE", 2L));
    }

    @Test
    void dismissedDeadLettersAreNotCountedAlsoAmongThoseCountedByOffsets() throws Exception {
        String deadLetters = newTopic(1) + "-dlt";
        admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1))).all().get();
        try (Producer<String, String> producer = producer(null)) {
            for (int i = 0; i < 2_003; i++) {
                producer.send(deadLetter(deadLetters, 0, NOW.minusSeconds(60), KafkaHeaders.DLT_EXCEPTION_FQCN,
                        "java.lang.IllegalStateException"));
            }
        }

        DeadLetters waiting = deadLettersOf(deadLetters, Set.of(new DeadLetterPosition(deadLetters, 0, 0),
                new DeadLetterPosition(deadLetters, 0, 2_001), new DeadLetterPosition("another-dlt", 0, 1)));

        assertThat(waiting.waiting()).isEqualTo(2_001);
        assertThat(waiting.reasons()).containsOnly(entry("IllegalStateException", 1_999L),
                entry("not read (counted by offsets)", 2L));
        assertThat(waiting.oldest()).extracting(DeadLetters.Waiting::offset).doesNotContain(0L);
    }

    @Test
    void aDeadLetterTopicNotCreatedYetHasNothingWaiting() throws Exception {
        try (ConsumerLagReader reader = reader(broker.bootstrapServers())) {
            assertThat(reader.read(Map.of(), List.of("not-created-yet-dlt"), REPUBLISHED, Set.of()).deadLetters())
                    .containsExactly(new DeadLetters("not-created-yet-dlt", 0, null, Map.of(), List.of()));
        }
    }

    @Test
    void anUnreachableBrokerIsReportedWithinTheTimeoutAsNotRead() {
        try (ConsumerLagReader reader = new ConsumerLagReader(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThatThrownBy(() -> reader.read(Map.of("mash-triage", List.of("referrals.received.v1")), List.of(),
                    REPUBLISHED, Set.of()))
                    .isInstanceOf(ConsumerLagReader.LagNotReadException.class)
                    .hasMessageContaining("Timeout");
        }
    }

    private static LagReading read(String group) throws ConsumerLagReader.LagNotReadException {
        return read(group, List.of());
    }

    private static LagReading read(String group, List<String> consumes) throws ConsumerLagReader.LagNotReadException {
        try (ConsumerLagReader reader = reader(broker.bootstrapServers())) {
            LagReading reading = reader.read(Map.of(group, consumes), List.of(), REPUBLISHED, Set.of());
            assertThat(reading.readAt()).isEqualTo(NOW);
            assertThat(reading.failure()).isNull();
            return reading;
        }
    }

    private static DeadLetters deadLettersOf(String topic) throws ConsumerLagReader.LagNotReadException {
        return deadLettersOf(topic, Set.of());
    }

    private static DeadLetters deadLettersOf(String topic, Set<DeadLetterPosition> dismissed)
            throws ConsumerLagReader.LagNotReadException {
        try (ConsumerLagReader reader = reader(broker.bootstrapServers())) {
            return reader.read(Map.of(), List.of(topic), REPUBLISHED, dismissed).deadLetters().get(0);
        }
    }

    private static ProducerRecord<String, String> deadLetter(String topic, int partition, Instant timestamp,
            String reasonHeader, String reason) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(),
                "referral-id", "{}");
        record.headers().add(reasonHeader, reason.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static PartitionLag onlyPartitionOf(LagReading reading, String group) {
        assertThat(reading.partitions()).singleElement().extracting(PartitionLag::group).isEqualTo(group);
        return reading.partitions().get(0);
    }

    private static ConsumerLagReader reader(String bootstrapServers) {
        return new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "notification-service"),
                TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String newTopic(int partitions) throws Exception {
        String topic = "lag-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        return topic;
    }

    /**
     * A group that has handled the partition up to {@code offset}, as a service's consumer commits it. The group
     * coordinator can answer that a topic created a moment ago is unknown, until the broker's metadata has it.
     */
    private static String committed(String topic, int partition, long offset) {
        String group = "group-" + UUID.randomUUID();
        await().atMost(TIMEOUT).ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                .untilAsserted(() -> admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic,
                        partition), new OffsetAndMetadata(offset))).all().get());
        return group;
    }

    private static Producer<String, String> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config);
    }

    private static void send(Producer<String, String> producer, String topic, int partition, Instant timestamp)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), "referral-id", "{}")).get();
    }

    private static Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }
}
