package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * An outcome's message still waiting when a later outcome of its referral was told (recorded in the same poll, or
 * being sent when the later one came and then failing) is never sent: reaching the referrer after the later decision,
 * it would read as the current one. The dispatcher marks it superseded instead, and the clock stops without it. One
 * being sent by one notifier instance when the later outcome is told is delivered before another instance sends the
 * later one.
 */
class ReplacedDecisionsNotSentTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of());

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static SlaClock slaClock;
    private static Deliveries deliveries;
    private static DeliveryDispatcher dispatcher;
    private static final List<String> SENT = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildDispatcher() {
        jdbc = database.jdbc();
        slaClock = NotifyFixtures.slaClock(jdbc);
        deliveries = new Deliveries(jdbc, JSON, SETTINGS, CLOCK);
        dispatcher = instanceSendingBy(new AgencyWebhook());
    }

    /** A notifier instance's dispatcher, on the same database as every other. */
    private static DeliveryDispatcher instanceSendingBy(ChannelSender webhook) {
        return new DeliveryDispatcher(deliveries, List.of(webhook), database.transaction(), slaClock, CLOCK,
                new DefaultListableBeanFactory().getBeanProvider(DeliveryCheckpoint.class), SETTINGS,
                new SimpleMeterRegistry(), new AuditTrail(jdbc, CLOCK));
    }

    @Test
    void theEarlierDecisionDueFirstIsNotSentAndTheLaterOneIs() {
        UUID referral = UUID.randomUUID();
        database.transaction().executeWithoutResult(status -> slaClock.started(referral, NOW.minusSeconds(120)));
        told(referral, 1);
        told(referral, 2);
        waiting(referral, 1, NOW.minusSeconds(60));
        waiting(referral, 2, NOW);

        dispatcher.dispatch();

        assertThat(sentFor(referral)).containsExactly(referral + ":v2:WEBHOOK");
        assertThat(jdbc.queryForObject("select superseded_at from delivery where notification_id = ?",
                Timestamp.class, referral + ":v1:WEBHOOK")).isEqualTo(Timestamp.from(NOW));
        assertThat(jdbc.queryForList("select reason from audit_event where action = 'REFERRER_MESSAGE_SUPERSEDED' "
                + "and referral_id = ?", String.class, referral))
                .containsExactly("OUTCOME by WEBHOOK as " + referral + ":v1:WEBHOOK not sent: a later outcome was "
                        + "told");
        assertThat(jdbc.queryForObject("select notified_at from sla_clock where referral_id = ?", Timestamp.class,
                referral)).as("the clock stopped with the later decision delivered").isEqualTo(Timestamp.from(NOW));
    }

    @Test
    void anEarlierDecisionBeingSentByOneInstanceIsDeliveredBeforeAnotherInstanceSendsTheLaterOne() throws Exception {
        UUID referral = UUID.randomUUID();
        database.transaction().executeWithoutResult(status -> slaClock.started(referral, NOW.minusSeconds(120)));
        told(referral, 1);
        waiting(referral, 1, NOW.minusSeconds(60));
        CompletableFuture<Void> earlierInHand = new CompletableFuture<>();
        CompletableFuture<Void> earlierMayFinish = new CompletableFuture<>();
        DeliveryDispatcher slowInstance = instanceSendingBy(new AgencyWebhook() {
            @Override
            public void send(PendingDelivery delivery) {
                earlierInHand.complete(null);
                earlierMayFinish.join();
                super.send(delivery);
            }
        });
        ExecutorService instances = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> sendingEarlier = instances.submit(slowInstance::dispatch);
            earlierInHand.join();
            told(referral, 2);
            waiting(referral, 2, NOW);
            List<String> superseded = database.transaction()
                    .execute(status -> deliveries.supersedeEarlierThan(referral, 2));
            assertThat(superseded).as("the message in hand is passed over by the later outcome's consumer").isEmpty();

            assertThat(dispatcher.dispatch()).as("the later decision waits while the earlier is being sent")
                    .isZero();
            earlierMayFinish.complete(null);
            assertThat(sendingEarlier.get()).isEqualTo(1);
            assertThat(dispatcher.dispatch()).isEqualTo(1);
        }
        finally {
            earlierMayFinish.complete(null);
            instances.shutdownNow();
        }

        assertThat(sentFor(referral)).containsExactly(referral + ":v1:WEBHOOK", referral + ":v2:WEBHOOK");
        assertThat(jdbc.queryForObject("select notified_at from sla_clock where referral_id = ?", Timestamp.class,
                referral)).as("the clock stopped once the later decision was delivered").isEqualTo(Timestamp.from(NOW));
    }

    private static List<String> sentFor(UUID referral) {
        return SENT.stream().filter(id -> id.startsWith(referral.toString())).toList();
    }

    private static void told(UUID referral, int version) {
        jdbc.update("insert into notification (notification_id, referral_id, channel, subject, outcome_version, "
                + "notified_at, source_topic, source_partition, source_offset, event) values (?, ?, 'EVENT', "
                + "'OUTCOME', ?, ?, 'triage.outcomes.v1', 0, ?, '\\x00'::bytea)", referral + ":v" + version + ":EVENT",
                referral, version, Timestamp.from(NOW), version);
    }

    private static void waiting(UUID referral, int version, Instant due) {
        String id = referral + ":v" + version + ":WEBHOOK";
        ReferrerMessage message = new ReferrerMessage(id, referral.toString(), "SCHOOL-0001", "REF-1", "OUTCOME",
                "EARLY_HELP", version, NOW, "Your referral REF-1: the MASH has decided.", "the MASH");
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "outcome_version, created_at, next_attempt_at) values (?, ?, 'SCHOOL-0001', 'WEBHOOK', "
                + "'https://school.example/mash', ?, ?, ?, ?)", id, referral, JSON.writeValueAsString(message),
                version, Timestamp.from(due), Timestamp.from(due));
    }

    /** Accepts every message. */
    private static class AgencyWebhook implements ChannelSender {

        @Override
        public NotificationChannel channel() {
            return NotificationChannel.WEBHOOK;
        }

        @Override
        public void send(PendingDelivery delivery) {
            SENT.add(delivery.notificationId());
        }

        @Override
        public String circuitOf(PendingDelivery delivery) {
            return "school.example";
        }
    }
}
