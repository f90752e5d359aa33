package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.transaction.KafkaTransactionManager;

import uk.mash.platform.embedded.kafka.KraftBroker;

/**
 * Over a real broker: a listener's producer fenced in the middle of a poll (here by another producer taking its
 * transactional id, as a transaction timing out would) does not lose the poll. Its consumer is started again from the
 * committed offsets, the poll is read again, and its output is committed once.
 */
class FencedConsumerRestartsTest {

    private static final String TRANSACTIONAL_ID_PREFIX = "fenced-test-";

    @TempDir
    static Path logs;

    private static KraftBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KraftBroker.start(logs, 0, Map.of());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("in", 1, (short) 1), new NewTopic("out", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aPollWhoseProducerWasFencedIsReadAgainAndItsOutputCommittedOnce() throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean("bootstrapServers", String.class, broker::bootstrapServers);
            context.register(FencedListenerConfiguration.class);
            context.refresh();
            FencedListener listener = context.getBean(FencedListener.class);

            send("referral-1");
            assertThat(listener.firstPollInHand.await(60, TimeUnit.SECONDS)).isTrue();
            takeTransactionalId(TRANSACTIONAL_ID_PREFIX + "0");
            listener.fenced.countDown();

            await().atMost(Duration.ofSeconds(60)).until(() -> committed("out"), out -> !out.isEmpty());
            assertThat(listener.polls).containsExactly(List.of("referral-1"), List.of("referral-1"));
            assertThat(committed("out")).containsExactly("referral-1 handled");
            assertThat(context.getBean(SimpleMeterRegistry.class).counter("referrals.consumer.fenced.restarts",
                    "listener", "fenced").count()).isEqualTo(1);
        }
    }

    private static void send(String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings())) {
            producer.send(new ProducerRecord<>("in", "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Fences whichever producer holds the transactional id, aborting its open transaction. */
    private static void takeTransactionalId(String transactionalId) {
        Properties settings = producerSettings();
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<String, String> usurper = new KafkaProducer<>(settings)) {
            usurper.initTransactions();
        }
    }

    private static List<String> committed(String topic) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(consumer.assignment());
            return consumer.poll(Duration.ofSeconds(2)).records(partition).stream().map(ConsumerRecord::value)
                    .toList();
        }
    }

    private static Properties producerSettings() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return settings;
    }

    /** Holds its first poll until the test has fenced its producer; each poll's values, in order. */
    static class FencedListener {

        final CountDownLatch firstPollInHand = new CountDownLatch(1);
        final CountDownLatch fenced = new CountDownLatch(1);
        final List<List<String>> polls = new CopyOnWriteArrayList<>();
        private final KafkaTemplate<String, String> kafka;

        FencedListener(KafkaTemplate<String, String> kafka) {
            this.kafka = kafka;
        }

        @KafkaListener(id = "fenced", topics = "in", batch = "true")
        void onPoll(List<ConsumerRecord<String, String>> records) throws InterruptedException {
            polls.add(records.stream().map(ConsumerRecord::value).toList());
            records.forEach(record -> kafka.send("out", record.key(), record.value() + " handled"));
            if (polls.size() == 1) {
                firstPollInHand.countDown();
                fenced.await(60, TimeUnit.SECONDS);
            }
        }
    }

    @Configuration
    @EnableKafka
    static class FencedListenerConfiguration {

        @Bean
        ProducerFactory<String, String> producerFactory(String bootstrapServers) {
            DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            factory.setTransactionIdPrefix(TRANSACTIONAL_ID_PREFIX);
            return factory;
        }

        @Bean
        KafkaTransactionManager<String, String> kafkaTransactionManager(ProducerFactory<String, String> producers) {
            return new KafkaTransactionManager<>(producers);
        }

        @Bean
        KafkaTemplate<String, String> kafkaTemplate(ProducerFactory<String, String> producers) {
            return new KafkaTemplate<>(producers);
        }

        @Bean
        ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(String bootstrapServers,
                KafkaTransactionManager<String, String> transactions) {
            var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "fenced-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
            factory.getContainerProperties().setKafkaAwareTransactionManager(transactions);
            factory.getContainerProperties().setStopContainerWhenFenced(true);
            return factory;
        }

        @Bean
        FencedListener fencedListener(KafkaTemplate<String, String> kafka) {
            return new FencedListener(kafka);
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        FencedConsumerRestarts fencedConsumerRestarts(SimpleMeterRegistry meters) {
            return new FencedConsumerRestarts(meters, Clock.systemUTC());
        }
    }
}
