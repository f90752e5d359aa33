package uk.mash.notify.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.notify.NotifyFixtures;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * Two notifier instances deliver a referral's email and webhook at the same moment, each in its own transaction:
 * whichever checks last must see the other's delivery, or the clock stays open and the referral breaches although
 * its referrer was told.
 */
class SlaClockStoppedByConcurrentDeliveriesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static SlaClock clock;

    @BeforeAll
    static void buildSlaClock() {
        jdbc = database.jdbc();
        clock = NotifyFixtures.slaClock(jdbc);
    }

    @Test
    void theLastTwoMessagesDeliveredAtOnceByTwoInstancesStopTheClock() throws Exception {
        UUID referral = UUID.randomUUID();
        database.transaction().executeWithoutResult(status -> clock.started(referral, NOW.minusSeconds(120)));
        waiting(referral + ":v1:EMAIL", referral);
        waiting(referral + ":v1:WEBHOOK", referral);
        CompletableFuture<Void> emailChecked = new CompletableFuture<>();
        CompletableFuture<Void> emailMayCommit = new CompletableFuture<>();
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<?> emailing = instances.submit(() -> database.transaction().executeWithoutResult(status -> {
                delivered(referral + ":v1:EMAIL", referral);
                emailChecked.complete(null);
                emailMayCommit.join();
            }));
            emailChecked.join();
            Future<?> posting = instances.submit(() -> database.transaction().executeWithoutResult(
                    status -> delivered(referral + ":v1:WEBHOOK", referral)));
            await().atMost(Duration.ofSeconds(30)).until(() -> posting.isDone() || aTransactionWaitsForALock());
            emailMayCommit.complete(null);
            emailing.get();
            posting.get();
        }
        finally {
            instances.shutdownNow();
        }

        assertThat(jdbc.queryForObject("select notified_at from sla_clock where referral_id = ?", Timestamp.class,
                referral)).as("the clock stopped").isNotNull();
    }

    /**
     * A dispatcher's batch stops its referrals' clocks in the order a listener's poll moves them
     * ({@link SlaClockOrder}, Java's order of ids, which is not PostgreSQL's for these two): waiting for the first, it
     * holds none of the others, so a listener's poll holding the first and moving the second next goes on.
     */
    @Test
    void aBatchsClocksAreLockedInTheListenersOrder() throws Exception {
        UUID firstForTheListeners = UUID.fromString("80000000-0000-7000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-7000-8000-000000000002");
        assertThat(SlaClockOrder.byReferral(List.of(record(second), record(firstForTheListeners)), UUID::fromString))
                .extracting(ConsumerRecord::value).containsExactly(firstForTheListeners.toString(), second.toString());
        for (UUID referral : List.of(firstForTheListeners, second)) {
            database.transaction().executeWithoutResult(status -> clock.started(referral, NOW.minusSeconds(120)));
        }
        CompletableFuture<Void> firstHeld = new CompletableFuture<>();
        CompletableFuture<Void> listenerMayCommit = new CompletableFuture<>();
        ExecutorService transactions = Executors.newFixedThreadPool(2);
        try {
            Future<?> listener = transactions.submit(() -> database.transaction().executeWithoutResult(status -> {
                lock(firstForTheListeners, "");
                firstHeld.complete(null);
                listenerMayCommit.join();
            }));
            firstHeld.join();
            Future<?> dispatcher = transactions.submit(() -> database.transaction().executeWithoutResult(
                    status -> clock.stopIfTold(List.of(second, firstForTheListeners), NOW)));
            await().atMost(Duration.ofSeconds(30))
                    .until(SlaClockStoppedByConcurrentDeliveriesTest::aTransactionWaitsForALock);

            database.transaction().executeWithoutResult(status -> lock(second, " nowait"));

            listenerMayCommit.complete(null);
            listener.get();
            dispatcher.get();
        }
        finally {
            listenerMayCommit.complete(null);
            transactions.shutdownNow();
        }
        assertThat(jdbc.queryForList("select referral_id from sla_clock where notified_at is not null "
                + "and referral_id in (?, ?)", UUID.class, firstForTheListeners, second))
                .containsExactlyInAnyOrder(firstForTheListeners, second);
    }

    private static void lock(UUID referral, String how) {
        jdbc.queryForList("select referral_id from sla_clock where referral_id = ? for update" + how, UUID.class,
                referral);
    }

    private static ConsumerRecord<String, String> record(UUID referral) {
        return new ConsumerRecord<>("triage.outcomes.v1", 0, 0, referral.toString(), referral.toString());
    }

    private static void waiting(String notificationId, UUID referral) {
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "created_at, next_attempt_at) values (?, ?, 'SCHOOL-0001', ?, 'destination', '{}', now(), now())",
                notificationId, referral, notificationId.substring(notificationId.lastIndexOf(':') + 1));
    }

    /** What the dispatcher does once a message has gone: records it delivered and stops the clock if it was the last. */
    private static void delivered(String notificationId, UUID referral) {
        jdbc.update("update delivery set delivered_at = ? where notification_id = ?", Timestamp.from(NOW),
                notificationId);
        clock.stopIfTold(referral, NOW);
    }

    private static boolean aTransactionWaitsForALock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select count(*) > 0 from pg_stat_activity "
                + "where datname = current_database() and wait_event_type = 'Lock'", Boolean.class));
    }
}
