package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/** A record whose retries are spent, and which the broker will not take as a dead letter either. */
class PollAfterRollbackProcessorTest {

    private static final Duration DEAD_LETTER_RETRY = Duration.ofMillis(300);

    @Test
    void aRecordTheBrokerWouldNotTakeAsADeadLetterStaysAndIsTriedAgainAfterAPauseNotAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        KafkaTemplate<Object, Object> unused = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
        DeadLetterPublisher refusing = new DeadLetterPublisher(unused, unused, new SimpleMeterRegistry(), List.of()) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Exception exception) {
                attempts.incrementAndGet();
                throw new KafkaException("the broker refused the dead letter");
            }
        };
        DeadLetteredRecords deadLettered = new DeadLetteredRecords();
        PollAfterRollbackProcessor processor = new PollAfterRollbackProcessor(refusing, deadLettered,
                new FixedBackOff(0, 0), DEAD_LETTER_RETRY);
        ConsumerRecord<Object, Object> poison = new ConsumerRecord<>("referrals.received.v1", 0, 5L, "key", "value");
        MockConsumer<Object, Object> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(new TopicPartition("referrals.received.v1", 0)));

        long started = System.nanoTime();
        processor.process(List.of(poison), consumer, new RunningContainer(),
                new BatchListenerFailedException("could not be handled", new IllegalStateException(), poison), true,
                ContainerProperties.EOSMode.V2);

        assertThat(attempts).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(DEAD_LETTER_RETRY);
        assertThat(deadLettered.isParked(poison)).as("not passed over: it was never dead-lettered").isFalse();
    }

    /** A container that keeps running, so that the processor's pause runs its whole length. */
    private static final class RunningContainer implements MessageListenerContainer {

        @Override
        public void setupMessageListener(Object messageListener) {
        }

        @Override
        public Map<String, Map<MetricName, ? extends Metric>> metrics() {
            return Map.of();
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }
    }
}
