package uk.mash.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.ReferralReceived;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.Submissions;
import uk.mash.platform.serde.StoredEvents;

/** The outbox over real PostgreSQL and Kafka: no event is left behind, whatever order transactions commit in. */
@IntakeServiceTest
class OutboxRelayTest {

    private static final String RECEIVED = "referrals.received.v1";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MeterRegistry meters;

    @Test
    void eventThatCommitsAfterOnesWithHigherIdsIsStillPublished() throws Exception {
        ReferralReceived late = aReceivedReferral("OUTBOX-LATE-1");
        ReferralReceived early = aReceivedReferral("OUTBOX-EARLY-1");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        CountDownLatch lateInserted = new CountDownLatch(1);
        CountDownLatch commitLate = new CountDownLatch(1);
        CompletableFuture<Void> lateTransaction = CompletableFuture.runAsync(() -> transaction
                .executeWithoutResult(status -> {
                    append(late);
                    lateInserted.countDown();
                    awaitQuietly(commitLate);
                }));
        assertThat(lateInserted.await(30, TimeUnit.SECONDS)).isTrue();

        transaction.executeWithoutResult(status -> append(early));
        await().atMost(Duration.ofSeconds(60)).until(() -> published(early));
        commitLate.countDown();
        lateTransaction.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> published(late));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where event_id in (?, ?)", Long.class, late.getEventId(),
                early.getEventId()) == 0);
    }

    @Test
    void aRowThatCannotBePublishedIsLeftInTheOutboxAndTheReferralsBehindItArePublished() {
        Long unreadable = jdbc.queryForObject("insert into outbox (event_id, topic, message_key, event_type, payload) "
                + "values (?, ?, ?, ?, ?) returning id", Long.class, UUID.randomUUID(), RECEIVED, "outbox-test-child",
                ReferralReceived.class.getName(), new byte[] {1, 2, 3});
        ReferralReceived behind = aReceivedReferral("OUTBOX-BEHIND-1");
        append(behind);

        await().atMost(Duration.ofSeconds(60)).until(() -> published(behind));
        assertThat(jdbc.queryForObject("select count(*) from outbox where id = ?", Long.class, unreadable))
                .as("kept for operations to put right").isEqualTo(1);
        assertThat(meters.get("referrals.outbox.waiting").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("referrals.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(meters.get("referrals.outbox.unpublishable").counter().count()).isGreaterThanOrEqualTo(1);
        jdbc.update("delete from outbox where id = ?", unreadable);
    }

    /** As the outbox appends, but written at once so that the row takes its id while the transaction stays open. */
    private void append(ReferralReceived received) {
        jdbc.update("insert into outbox (event_id, topic, message_key, event_type, payload) values (?, ?, ?, ?, ?)",
                received.getEventId(), RECEIVED, received.getChildKey(), ReferralReceived.class.getName(),
                StoredEvents.encode(received));
    }

    private static boolean published(ReferralReceived received) {
        List<ReferralReceived> events = IntakeInfrastructure.topics().<ReferralReceived>readAll(RECEIVED).stream()
                .map(record -> record.value()).toList();
        return events.stream().anyMatch(event -> event.getEventId().equals(received.getEventId()));
    }

    private static ReferralReceived aReceivedReferral(String agencyReference) {
        return ReferralReceived.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(UUID.randomUUID())
                .setReceivedAt(Instant.now())
                .setChildKey("outbox-test-child")
                .setReferral(Submissions.aValidReferral().withAgencyReference(agencyReference).build())
                .build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
