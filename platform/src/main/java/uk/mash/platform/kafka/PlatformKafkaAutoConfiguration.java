package uk.mash.platform.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

import uk.mash.platform.serde.AvroSerializer;
import uk.mash.platform.serde.GeneratedAvroClasses;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * What every service's Kafka wiring shares beyond Spring Boot's defaults: the topic catalogue and its topics, and
 * one recovery path for records that keep failing. Listener containers run in Kafka transactions, so failures are
 * handled by the after-rollback processor; the error handler covers non-transactional containers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ TopicCatalogue.class, RetrySettings.class })
public class PlatformKafkaAutoConfiguration {

    /**
     * The container factory of batch listeners that handle a whole poll in one Kafka transaction and one database
     * transaction ({@link PollTransaction}); name it in {@code @KafkaListener(containerFactory = ...)}.
     */
    public static final String POLL_TRANSACTIONS = "pollTransactionListenerContainerFactory";

    static {
        GeneratedAvroClasses.trust();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "referrals.topics.create", matchIfMissing = true)
    KafkaAdmin.NewTopics referralTopics(TopicCatalogue topics) {
        return new KafkaAdmin.NewTopics(topicsToCreate(topics).toArray(NewTopic[]::new));
    }

    static List<NewTopic> topicsToCreate(TopicCatalogue topics) {
        List<NewTopic> all = new ArrayList<>();
        for (String name : topics.all()) {
            TopicBuilder topic = sized(name, topics);
            if (topics.compacted().contains(name)) {
                topic.compact();
            }
            all.add(topic.build());
            // a dead letter is a referral that has not progressed: it is kept until someone puts it right, never
            // deleted by the broker's default week of retention (applied to topics created before, too:
            // spring.kafka.admin.modify-topic-configs)
            all.add(sized(TopicCatalogue.deadLetterTopicOf(name), topics)
                    .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
        }
        return all;
    }

    private static TopicBuilder sized(String name, TopicCatalogue topics) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(topics.partitions());
        return topics.replicationFactor() == null ? topic : topic.replicas(topics.replicationFactor());
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(KafkaProperties properties, MeterRegistry meterRegistry,
            TopicCatalogue topics) {
        return new DeadLetterPublisher(deadLetterTemplate(properties, ByteArraySerializer.class),
                deadLetterTemplate(properties, AvroSerializer.class), meterRegistry, topics.all());
    }

    @Bean
    AfterRollbackProcessor<Object, Object> afterRollbackProcessor(DeadLetterPublisher deadLetters,
            KafkaOperations<Object, Object> kafkaTemplate, RetrySettings retry) {
        return new DefaultAfterRollbackProcessor<>(deadLetters, backOff(retry), kafkaTemplate, true);
    }

    @Bean
    CommonErrorHandler errorHandler(DeadLetterPublisher deadLetters, RetrySettings retry) {
        return new DefaultErrorHandler(deadLetters, backOff(retry));
    }

    @Bean
    DeadLetteredRecords deadLetteredRecords() {
        return new DeadLetteredRecords();
    }

    @Bean
    PollTransaction pollTransaction(ObjectProvider<PlatformTransactionManager> transactionManager,
            DeadLetteredRecords deadLettered) {
        return new PollTransaction(transactionManager, deadLettered);
    }

    /**
     * Spring Boot's listener settings (transaction manager, consumer factory) for batch listeners, with the poll's
     * own after-rollback processor; not a bean of its own, so record listeners keep the default one.
     */
    @Bean(POLL_TRANSACTIONS)
    ConcurrentKafkaListenerContainerFactory<Object, Object> pollTransactionListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            DeadLetterPublisher deadLetters, DeadLetteredRecords deadLettered, RetrySettings retry) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        // in a transaction Spring Kafka runs the error handler before rolling back: its batch recovery would
        // dead-letter the record at once, outside the poll's back-off, so the after-rollback processor alone decides
        factory.setCommonErrorHandler(null);
        factory.setAfterRollbackProcessor(new PollAfterRollbackProcessor(deadLetters, deadLettered, backOff(retry),
                retry.maxInterval()));
        factory.getContainerProperties().setStopContainerWhenFenced(true);
        return factory;
    }

    /** Waits between restarts are real time, whatever clock the service's own rules read. */
    @Bean
    FencedConsumerRestarts fencedConsumerRestarts(MeterRegistry meterRegistry) {
        return new FencedConsumerRestarts(meterRegistry, Clock.systemUTC());
    }

    private static ExponentialBackOff backOff(RetrySettings retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxAttempts());
        return backOff;
    }

    /**
     * Dead letters are written outside the listener's transaction by an idempotent producer, so that a record which
     * rolls the transaction back can still be parked.
     */
    private static KafkaTemplate<String, Object> deadLetterTemplate(KafkaProperties properties,
            Class<?> valueSerializer) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(config);
        return new KafkaTemplate<>(factory);
    }
}
