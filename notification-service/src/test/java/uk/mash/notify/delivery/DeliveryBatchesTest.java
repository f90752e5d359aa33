package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * A backlog of messages is sent a batch to a transaction, with one commit for the batch, and the referrals' clocks
 * stop with it; several batches are sent at once, each message once; a message whose delivery cannot be recorded fails
 * its batch once, and is then put back on its own rather than taking down every batch after it.
 */
class DeliveryBatchesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of());
    private static final int BATCH = SETTINGS.delivery().batchSize();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private JdbcTemplate jdbc;
    private Deliveries deliveries;
    private SlaClock slaClock;
    private DeliveryDispatcher dispatcher;
    /** Accepts every email but the one it is {@link #refusing}, whose reply holds a NUL character. */
    private final RecordingMailServer mailServer = new RecordingMailServer(delivery -> {
        this.sendingThreads.add(Thread.currentThread().getName());
        if (delivery.notificationId().equals(this.refusing)) {
            throw new UndeliverableMessage("550 mailbox \u0000unavailable");
        }
        awaitOtherSenders();
    });
    private final List<String> sent = mailServer.sent();
    private final Set<String> sendingThreads = ConcurrentHashMap.newKeySet();
    private volatile String refusing;
    /** Counted down by each email until zero: each waits for the others, so that they can only be sent at once. */
    private volatile CountDownLatch sentAtOnce = new CountDownLatch(0);

    @BeforeEach
    void buildDispatcher() {
        jdbc = database.jdbc();
        deliveries = new Deliveries(jdbc, JsonMapper.builder().build(), SETTINGS, CLOCK);
        slaClock = NotifyFixtures.slaClock(jdbc);
        dispatcher = dispatcher(SETTINGS, new SimpleMeterRegistry());
    }

    private DeliveryDispatcher dispatcher(NotifySettings settings, SimpleMeterRegistry meters) {
        return new DeliveryDispatcher(deliveries, List.of(mailServer), database.transaction(), slaClock, CLOCK,
                new DefaultListableBeanFactory().getBeanProvider(DeliveryCheckpoint.class), settings, meters,
                new AuditTrail(jdbc, CLOCK));
    }

    @Test
    void aBacklogIsDeliveredABatchToATransactionAndEachReferralsClockStops() {
        int backlog = 2 * BATCH + 5;
        messagesDue(backlog);

        assertThat(dispatcher.dispatch()).isEqualTo(backlog);

        assertThat(sent).hasSize(backlog).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from delivery", Integer.class))
                .as("transactions the deliveries were recorded in").isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'REFERRER_MESSAGE_DELIVERED'",
                Integer.class)).isEqualTo(backlog);
        assertThat(jdbc.queryForObject("select count(*) from sla_clock where notified_at = ?", Integer.class,
                Timestamp.from(NOW))).as("clocks stopped").isEqualTo(backlog);
    }

    @Test
    void severalSendersSendABacklogAtOnceEachMessageOnce() {
        int senders = 3;
        int backlog = 4 * BATCH + 7;
        messagesDue(backlog);
        sentAtOnce = new CountDownLatch(senders);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        dispatcher(NotifyFixtures.withSenders(SETTINGS, senders), meters).dispatchLoggingFailures();

        assertThat(sendingThreads).as("threads that sent, each waiting for the others").hasSize(senders);
        assertThat(sent).hasSize(backlog).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(*) from delivery where delivered_at is not null", Integer.class))
                .isEqualTo(backlog);
        assertThat(jdbc.queryForObject("select count(*) from sla_clock where notified_at = ?", Integer.class,
                Timestamp.from(NOW))).as("clocks stopped").isEqualTo(backlog);
        assertThat(meters.get("referrer.deliveries.pending").gauge().value()).isZero();
    }

    @Test
    void aMessageWhoseReferralAnotherSenderHasIsLeftAndTheRestOfTheBacklogSent() throws SQLException {
        int backlog = 2 * BATCH + 5;
        messagesDue(backlog);
        String heldReferral = jdbc.queryForObject("select referral_id::text from delivery where notification_id = "
                + "'due-1'", String.class);

        try (Connection otherSender = database.dataSource().getConnection()) {
            otherSender.setAutoCommit(false);
            try (var lock = otherSender.prepareStatement(
                    "select pg_advisory_xact_lock(" + Deliveries.REFERRAL_LOCKS + ", hashtext(?))")) {
                lock.setString(1, heldReferral);
                lock.execute();
            }

            assertThat(dispatcher.dispatch()).as("delivered in one round").isEqualTo(backlog - 1);
            otherSender.rollback();
        }

        assertThat(sent).doesNotContain("due-1").hasSize(backlog - 1);
        assertThat(deliveries.pendingCount()).isOne();
    }

    @Test
    void aMessageWhoseDeliveryCannotBeRecordedIsPutBackAndTheRestOfItsBatchDelivered() {
        messagesDue(BATCH);
        jdbc.execute("create function refuse_due_1() returns trigger language plpgsql as $$ begin "
                + "raise exception 'test: this delivery cannot be recorded'; end $$");
        jdbc.execute("create trigger due_1_not_recorded before update of delivered_at on delivery for each row "
                + "when (new.notification_id = 'due-1') execute function refuse_due_1()");

        int delivered = dispatcher.dispatch() + dispatcher.dispatch() + dispatcher.dispatch();

        assertThat(delivered).isEqualTo(BATCH - 1);
        assertThat(sent.stream().filter("due-1"::equals)).as("the message that cannot be recorded, sent")
                .hasSize(2);
        assertThat(sent.stream().filter(id -> !id.equals("due-1")).distinct()).hasSize(BATCH - 1);
        assertThat(sent).as("each sent in the failed batch, then once more on its own").hasSize(2 * BATCH);
        assertThat(jdbc.queryForMap("select attempts, next_attempt_at > ? later, last_error from delivery "
                + "where notification_id = 'due-1'", Timestamp.from(NOW)))
                .containsEntry("attempts", 1).containsEntry("later", true)
                .containsEntry("last_error", "delivery not recorded");
        assertThat(deliveries.pendingCount()).isEqualTo(1);
    }

    @Test
    void aRefusalWhoseReasonHoldsANulCharacterIsRecordedUndeliverable() {
        messagesDue(3);
        refusing = "due-2";

        assertThat(dispatcher.dispatch()).isEqualTo(2);

        assertThat(jdbc.queryForMap("select undeliverable_at is not null refused, last_error from delivery "
                + "where notification_id = 'due-2'")).containsEntry("refused", true)
                .containsEntry("last_error", "550 mailbox  unavailable");
        assertThat(deliveries.undeliverableCount()).isOne();
    }

    private void awaitOtherSenders() {
        CountDownLatch latch = sentAtOnce;
        latch.countDown();
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test: no other sender sent at the same time");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages due-1 (the oldest) to due-n, each of its own referral, whose clock is running. */
    private void messagesDue(int count) {
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "created_at, next_attempt_at) select 'due-' || n, gen_random_uuid(), 'SCHOOL-0001', 'EMAIL', "
                + "'safeguarding-lead@school.example', '{}', ?::timestamptz + n * interval '1 millisecond', "
                + "?::timestamptz + n * interval '1 millisecond' from generate_series(1, ?) n",
                NOW.minusSeconds(60).toString(), NOW.minusSeconds(60).toString(), count);
        jdbc.update("insert into sla_clock (referral_id, received_at, at_risk_at, deadline) "
                + "select referral_id, ?, ?, ? from delivery", Timestamp.from(NOW.minusSeconds(120)),
                Timestamp.from(NOW.plusSeconds(3600)), Timestamp.from(NOW.plusSeconds(7200)));
    }
}
