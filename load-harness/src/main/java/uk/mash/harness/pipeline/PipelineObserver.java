package uk.mash.harness.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.harness.kafka.KafkaClients;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.serde.AvroProjection;

/**
 * Watches the end of the pipeline as a referrer's system would: a read-committed consumer of the outcomes and the
 * referrer notifications, from the start of both topics, keeping a {@link ReferralTrace} per agency reference.
 * Runs on its own thread for the whole benchmark, so one observer sees every phase.
 */
public final class PipelineObserver implements AutoCloseable {

    private final KafkaConsumer<String, GenericRecord> consumer;
    private final String outcomesTopic;
    private final String notificationsTopic;
    private final Map<String, ReferralTrace> traces = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong completed = new AtomicLong();
    private final Thread thread = new Thread(this::observe, "pipeline-observer");
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public PipelineObserver(String bootstrapServers, String registryUrl, String outcomesTopic,
            String notificationsTopic) {
        // the observer shares the measured JVM: it reads only what it checks, and skips each outcome's referral
        SchemaRegistryClient registry = SchemaRegistryClient.shared(
                SchemaRegistrySettings.fromConfig(Map.of(SchemaRegistrySettings.URL_CONFIG, registryUrl)));
        AvroProjection outcomes = new AvroProjection(registry, TriageOutcomeIssued.class, "outcomeVersion",
                "receivedAt", "outcome", "status", "referral.agencyReference");
        AvroProjection notifications = new AvroProjection(registry, ReferrerNotified.class, "notificationId",
                "referralId", "agencyReference", "outcomeVersion");
        Deserializer<GenericRecord> values = (topic, data) -> topic.equals(outcomesTopic)
                ? outcomes.deserialize(topic, data)
                : notifications.deserialize(topic, data);
        Map<String, Object> config = KafkaClients.consumer(bootstrapServers,
                "load-harness-observer-" + UUID.randomUUID());
        config.put("max.poll.records", 2000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.outcomesTopic = outcomesTopic;
        this.notificationsTopic = notificationsTopic;
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

    /**
     * Lets go of the traces of referrals the harness has checked: kept to the end of the run, the warm-up's grew the
     * live heap the services share by about 100 MiB. A referral seen again afterwards gets a new trace, so that
     * {@link #seen()} still shows it.
     *
     * @return the traces let go, by agency reference
     */
    public Map<String, ReferralTrace> forget(Collection<String> agencyReferences) {
        Map<String, ReferralTrace> forgotten = new HashMap<>();
        for (String reference : agencyReferences) {
            ReferralTrace trace = traces.remove(reference);
            if (trace != null) {
                forgotten.put(reference, trace);
            }
        }
        return forgotten;
    }

    /** Agency references of every referral with a trace now. */
    public Set<String> seen() {
        return Set.copyOf(traces.keySet());
    }

    /** Agency references whose submission was refused (a rejection notification): the generator made a bad one. */
    public Set<String> refused() {
        return Set.copyOf(refused);
    }

    private void observe() {
        try {
            consumer.subscribe(List.of(outcomesTopic, notificationsTopic));
            while (running) {
                ConsumerRecords<String, GenericRecord> records = consumer.poll(Duration.ofMillis(200));
                long seenNanos = System.nanoTime();
                Instant seenAt = Instant.now();
                long before = completed.get();
                for (ConsumerRecord<String, GenericRecord> record : records) {
                    if (see(record.topic(), record.value(), seenNanos, seenAt)) {
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

    private boolean see(String topic, GenericRecord value, long seenNanos, Instant seenAt) {
        if (topic.equals(outcomesTopic)) {
            String reference = ((GenericRecord) value.get("referral")).get("agencyReference").toString();
            ReferralTrace.OutcomeSeen issued = new ReferralTrace.OutcomeSeen((Integer) value.get("outcomeVersion"),
                    OutcomeType.valueOf(value.get("outcome").toString()),
                    OutcomeStatus.valueOf(value.get("status").toString()));
            return traceOf(reference).outcome(issued, (Instant) value.get("receivedAt"), seenNanos, seenAt);
        }
        String reference = value.get("agencyReference").toString();
        Integer outcomeVersion = (Integer) value.get("outcomeVersion");
        if (value.get("referralId") == null || outcomeVersion == null) {
            refused.add(reference);
            return false;
        }
        return traceOf(reference).notified(value.get("notificationId").toString(), outcomeVersion, seenNanos, seenAt);
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
