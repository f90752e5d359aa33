package uk.mash.harness.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;

import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.harness.kafka.KafkaClients;
import uk.mash.platform.serde.AvroDeserializer;

/**
 * Watches the end of the pipeline as a referrer's system would: a read-committed consumer of the outcomes and the
 * referrer notifications, from the start of both topics, keeping a {@link ReferralTrace} per agency reference.
 * Runs on its own thread for the whole benchmark, so one observer sees every phase.
 */
public final class PipelineObserver implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<String> topics;
    private final Map<String, ReferralTrace> traces = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong completed = new AtomicLong();
    private final Thread thread = new Thread(this::observe, "pipeline-observer");
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public PipelineObserver(String bootstrapServers, String registryUrl, String outcomesTopic,
            String notificationsTopic) {
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        Map<String, Object> config = KafkaClients.consumer(bootstrapServers,
                "load-harness-observer-" + UUID.randomUUID());
        config.put("max.poll.records", 2000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.topics = List.of(outcomesTopic, notificationsTopic);
    }

    public PipelineObserver start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Referrals whose pipeline run is over (see {@link ReferralTrace}), across every phase so far. */
    public long completed() {
        if (failure != null) {
            throw failure;
        }
        return completed.get();
    }

    /** Waits until at least {@code target} referrals are complete, or the wait is over; says which. */
    public boolean awaitCompleted(long target, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (completed) {
            long remaining;
            while (completed() < target && (remaining = deadline - System.nanoTime()) > 0) {
                completed.wait(Math.max(1, remaining / 1_000_000));
            }
        }
        return completed() >= target;
    }

    public ReferralTrace trace(String agencyReference) {
        return traces.get(agencyReference);
    }

    /** Agency references whose submission was refused (a rejection notification): the generator made a bad one. */
    public Set<String> refused() {
        return Set.copyOf(refused);
    }

    private void observe() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, SpecificRecord> records = consumer.poll(Duration.ofMillis(200));
                long seenNanos = System.nanoTime();
                Instant seenAt = Instant.now();
                long before = completed.get();
                for (ConsumerRecord<String, SpecificRecord> record : records) {
                    if (see(record.value(), seenNanos, seenAt)) {
                        completed.incrementAndGet();
                    }
                }
                if (completed.get() != before) {
                    synchronized (completed) {
                        completed.notifyAll();
                    }
                }
            }
        }
        catch (WakeupException stopping) {
            // close() wakes the consumer out of its poll
        }
        catch (RuntimeException e) {
            failure = new IllegalStateException("The pipeline observer stopped: " + e, e);
        }
        finally {
            consumer.close();
        }
    }

    private boolean see(SpecificRecord value, long seenNanos, Instant seenAt) {
        if (value instanceof TriageOutcomeIssued outcome) {
            return traceOf(outcome.getReferral().getAgencyReference()).outcome(new ReferralTrace.OutcomeSeen(
                    outcome.getOutcomeVersion(), outcome.getOutcome(), outcome.getStatus(), outcome.getReceivedAt()),
                    seenNanos, seenAt);
        }
        if (value instanceof ReferrerNotified notified) {
            if (notified.getReferralId() == null || notified.getOutcomeVersion() == null) {
                refused.add(notified.getAgencyReference());
                return false;
            }
            return traceOf(notified.getAgencyReference()).notified(notified.getNotificationId(),
                    notified.getOutcomeVersion(), seenNanos, seenAt);
        }
        return false;
    }

    private ReferralTrace traceOf(String agencyReference) {
        return traces.computeIfAbsent(agencyReference, reference -> new ReferralTrace());
    }

    /** Stops observing; traces read after this see everything the observer saw. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        KafkaClients.stopPolling(consumer, thread);
    }
}
