package uk.mash.intake.outbox;

import java.sql.Array;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.apache.avro.specific.SpecificRecord;

import uk.mash.intake.IntakeSettings;
import uk.mash.platform.serde.StoredEvents;

/**
 * Publishes outbox rows to Kafka in one Kafka transaction per batch, then deletes them. The rows stay
 * locked (SKIP LOCKED) while they are sent, so several instances never publish the same row at once. If the service
 * stops between the Kafka commit and the database commit, the batch is published again: consumers deduplicate by
 * referral id, so the referral is still processed once.
 * <p>
 * Deleted rows leave dead index entries at the head of the outbox's key until autovacuum comes by (a minute or more
 * under load, tens of thousands of rows), and a scan from the start walks them all: milliseconds a batch. So the relay
 * looks above the highest id it has published, and from the start only once per poll interval: a transaction that
 * took lower ids but committed later is published by that sweep, within about two poll intervals.
 * <p>
 * A row that cannot be published (its event cannot be read) is left in the outbox and passed over, so that it never
 * holds up the referrals behind it; it is logged and counted, and the outbox's oldest row's age
 * ({@code referrals.outbox.oldest.age}) alerts operations to it, as to a relay that has stopped publishing.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String EVENTS_PACKAGE = "uk.mash.events.";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, Object> kafka;
    private final IntakeSettings.Outbox settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter unpublishable;
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private long publishedUpTo;
    private long lastSweep = System.nanoTime() - Long.MAX_VALUE / 2;
    private Thread worker;

    OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, KafkaTemplate<String, Object> kafka,
            IntakeSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.kafka = kafka;
        this.settings = settings.outbox();
        this.unpublishable = Counter.builder("referrals.outbox.unpublishable")
                .description("Outbox rows whose event could not be read, left in the outbox").register(meters);
        Gauge.builder("referrals.outbox.waiting", this, relay -> relay.waiting("count(*)"))
                .description("Accepted referrals' events not yet published").register(meters);
        Gauge.builder("referrals.outbox.oldest.age", this,
                relay -> relay.waiting("coalesce(extract(epoch from now() - min(created_at)), 0)"))
                .description("Seconds the oldest event not yet published has waited").baseUnit("seconds")
                .register(meters);
    }

    public void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(10_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                while (running && publishBatch() == settings.batchSize()) {
                    wakeUps.drainPermits();
                }
                wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                log.warn("Outbox relay could not publish, will retry: {}", e.toString());
                pause();
            }
            catch (Error e) {
                // an error ending this thread would leave every accepted referral unpublished while the service
                // looked healthy
                log.error("Outbox relay failed, will retry", e);
                pause();
            }
        }
    }

    int publishBatch() {
        boolean sweep = System.nanoTime() - lastSweep >= settings.pollInterval().toNanos();
        long above = sweep ? 0 : publishedUpTo;
        List<OutboxRow> published = transaction.execute(status -> {
            List<OutboxRow> rows = jdbc.query("select id, topic, message_key, event_type, payload from outbox "
                    + "where id > ? order by id limit ? for update skip locked",
                    (rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
                            rs.getString("event_type"), rs.getBytes("payload")),
                    above, settings.batchSize());
            if (rows.isEmpty()) {
                return rows;
            }
            Map<OutboxRow, SpecificRecord> events = readable(rows);
            if (events.isEmpty()) {
                return rows;
            }
            kafka.executeInTransaction(operations -> {
                events.forEach((row, event) -> operations.send(row.topic(), row.key(), event));
                return null;
            });
            jdbc.execute((java.sql.Connection connection) -> {
                Array ids = connection.createArrayOf("bigint", events.keySet().stream().map(OutboxRow::id).toArray());
                try (var update = connection.prepareStatement(
                        "delete from outbox where id = any(?)")) {
                    update.setArray(1, ids);
                    return update.executeUpdate();
                }
            });
            return rows;
        });
        if (sweep) {
            lastSweep = System.nanoTime();
        }
        if (published == null || published.isEmpty()) {
            return 0;
        }
        publishedUpTo = Math.max(publishedUpTo, published.get(published.size() - 1).id());
        return published.size();
    }

    /** The rows' events in id order, without those that cannot be read. */
    private Map<OutboxRow, SpecificRecord> readable(List<OutboxRow> rows) {
        Map<OutboxRow, SpecificRecord> events = new LinkedHashMap<>();
        for (OutboxRow row : rows) {
            try {
                events.put(row, StoredEvents.decode(row.payload(), eventClass(row)));
            }
            catch (RuntimeException e) {
                if (reported.add(row.id())) {
                    log.error("Outbox row {} cannot be published and is left in the outbox: {}", row.id(),
                            e.getClass().getSimpleName());
                    unpublishable.increment();
                }
            }
        }
        return events;
    }

    private double waiting(String measure) {
        Double value = jdbc.queryForObject("select " + measure + " from outbox", Double.class);
        return value == null ? 0 : value;
    }

    private void pause() {
        try {
            wakeUps.tryAcquire(settings.pollInterval().toMillis() * 5, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Class<? extends SpecificRecord> eventClass(OutboxRow row) {
        if (!row.eventType().startsWith(EVENTS_PACKAGE)) {
            throw new IllegalStateException("Outbox row " + row.id() + " holds " + row.eventType()
                    + ", which is not one of the pipeline's event contracts");
        }
        try {
            return Class.forName(row.eventType()).asSubclass(SpecificRecord.class);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("Outbox row " + row.id() + " holds unknown event " + row.eventType(), e);
        }
    }

    private record OutboxRow(long id, String topic, String key, String eventType, byte[] payload) {
    }
}
