package uk.mash.notify.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.mash.platform.topics.TopicCatalogue;

/**
 * Reads the pipeline's consumer lag every {@code referrals.operations.lag-interval} and publishes it for Prometheus by
 * group, topic and partition, in records ({@code referrals_consumer_lag_records}) and as the age of the oldest waiting
 * record ({@code referrals_consumer_lag_age_seconds}), with the records on each dead-letter topic neither republished
 * nor dismissed ({@code referrals_dead_letter_waiting_records}, which the {@code DeadLettersWaiting} alert reads). The
 * gauges keep the last reading that succeeded, so
 * {@code referrals_consumer_lag_reading_age_seconds} says how old that is: an alert on it tells operations the lag they
 * see has stopped moving. The operations page shows the latest reading.
 */
@Component
public class ConsumerLagMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final ConsumerLagReader reader;
    private final DeadLetterDismissals dismissals;
    private final OperationsSettings settings;
    private final List<String> deadLetterTopics;
    private final Clock clock;
    private final AtomicReference<LagReading> latest = new AtomicReference<>(LagReading.NONE);
    private final MultiGauge records;
    private final MultiGauge ages;
    private final MultiGauge deadLettered;
    private final Instant startedAt;

    ConsumerLagMonitor(KafkaAdmin admin, ConsumerFactory<?, ?> consumers, DeadLetterDismissals dismissals,
            OperationsSettings settings, TopicCatalogue topics, Clock clock, MeterRegistry meters) {
        this.reader = new ConsumerLagReader(admin.getConfigurationProperties(),
                consumers.getConfigurationProperties(), settings.lagTimeout(), clock);
        this.dismissals = dismissals;
        this.settings = settings;
        this.deadLetterTopics = topics.deadLetterTopics();
        this.clock = clock;
        this.records = MultiGauge.builder("referrals.consumer.lag").baseUnit("records")
                .description("Records a consumer group has still to handle on a partition").register(meters);
        this.ages = MultiGauge.builder("referrals.consumer.lag.age").baseUnit("seconds")
                .description("How long the oldest record a consumer group has still to handle has waited")
                .register(meters);
        this.deadLettered = MultiGauge.builder("referrals.dead.letter.waiting").baseUnit("records")
                .description("Records on a dead-letter topic neither republished nor dismissed: referrals that "
                        + "have not progressed")
                .register(meters);
        this.startedAt = clock.instant();
        Gauge.builder("referrals.consumer.lag.reading.age", this, monitor -> monitor.readingAge().toSeconds())
                .baseUnit("seconds")
                .description("How long ago consumer lag was last read successfully (since start-up if never)")
                .register(meters);
    }

    /** The latest reading; when the last attempt failed, the one before it with the reason. */
    public LagReading latest() {
        return latest.get();
    }

    private Duration readingAge() {
        Instant readAt = latest.get().readAt();
        return Duration.between(readAt == null ? startedAt : readAt, clock.instant());
    }

    @Scheduled(fixedDelayString = "${referrals.operations.lag-interval:15s}")
    synchronized void read() {
        try {
            LagReading reading = reader.read(settings.consumerGroups(), deadLetterTopics, settings.republishGroup(),
                    dismissals.on(deadLetterTopics));
            latest.set(reading);
            publish(reading);
        }
        catch (ConsumerLagReader.LagNotReadException e) {
            failed(e.getMessage());
        }
        catch (DataAccessException e) {
            // counted without them, dismissed dead letters would be shown waiting and wake someone
            failed("the dismissed dead letters were not read from the database: " + e.getClass().getSimpleName());
        }
    }

    private void failed(String reason) {
        log.warn("Consumer lag not read: {}", reason);
        latest.updateAndGet(previous -> previous.failedWith(reason));
    }

    private void publish(LagReading reading) {
        records.register(reading.partitions().stream()
                .map(lag -> MultiGauge.Row.of(tags(lag), lag.records()))
                .toList(), true);
        ages.register(reading.partitions().stream()
                .map(lag -> MultiGauge.Row.of(tags(lag), lag.ageSeconds(clock.instant())))
                .toList(), true);
        deadLettered.register(reading.deadLetters().stream()
                .map(topic -> MultiGauge.Row.of(Tags.of("topic", topic.topic()), topic.waiting()))
                .toList(), true);
    }

    private static Tags tags(PartitionLag lag) {
        return Tags.of("group", lag.group(), "topic", lag.topic(), "partition", String.valueOf(lag.partition()));
    }

    @Override
    public void destroy() {
        reader.close();
    }
}
