package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
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
 * During an agency system's outage its referrers are not told, and {@code referrals_time_to_notify_seconds} says so:
 * nothing is measured while the dispatcher retries their messages, and once the last is delivered the referral is
 * measured once, from its receipt to that delivery.
 */
class TimeToNotifyOnDeliveryTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant AGENCY_DOWN = RECEIVED.plus(Duration.ofMinutes(2));
    private static final Instant AGENCY_BACK = RECEIVED.plus(Duration.ofHours(3));
    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static SlaClock slaClock;

    @BeforeAll
    static void buildSlaClock() {
        jdbc = database.jdbc();
        slaClock = new SlaClock(jdbc, NotifyFixtures.weekdaysWithoutBankHolidays(), SETTINGS, METERS);
    }

    @Test
    void aReferrerIsMeasuredOnceWhenTheirMessageIsDeliveredAfterAnOutageNotWhenItWasFirstTried() {
        UUID referral = UUID.randomUUID();
        database.transaction().executeWithoutResult(status -> slaClock.started(referral, RECEIVED));
        waiting(referral, RECEIVED.plusSeconds(60));

        dispatcherAt(AGENCY_DOWN, new AgencySystem(false)).dispatch();

        assertThat(timeToNotify().count()).as("measured while the agency system is down").isZero();

        dispatcherAt(AGENCY_BACK, new AgencySystem(true)).dispatch();
        database.transaction().executeWithoutResult(status -> slaClock.stopIfTold(referral,
                AGENCY_BACK.plusSeconds(60)));

        assertThat(timeToNotify().count()).isEqualTo(1);
        assertThat(timeToNotify().totalTime(TimeUnit.SECONDS)).as("from receipt to delivery")
                .isCloseTo(Duration.between(RECEIVED, AGENCY_BACK).toSeconds(), within(0.001));
    }

    private static Timer timeToNotify() {
        return METERS.get("referrals.time.to.notify").timer();
    }

    /** A notifier instance's dispatcher at {@code now}. */
    private static DeliveryDispatcher dispatcherAt(Instant now, ChannelSender webhook) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new DeliveryDispatcher(new Deliveries(jdbc, JSON, SETTINGS, clock), List.of(webhook),
                database.transaction(), slaClock, clock,
                new DefaultListableBeanFactory().getBeanProvider(DeliveryCheckpoint.class), SETTINGS,
                new SimpleMeterRegistry(), new AuditTrail(jdbc, clock));
    }

    private static void waiting(UUID referral, Instant due) {
        String id = referral + ":v1:WEBHOOK";
        ReferrerMessage message = new ReferrerMessage(id, referral.toString(), "POLICE-0001", "REF-1", "OUTCOME",
                "EARLY_HELP", 1, due, "Your referral REF-1: the MASH has decided.", "the MASH");
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "outcome_version, created_at, next_attempt_at) values (?, ?, 'POLICE-0001', 'WEBHOOK', "
                + "'https://police.example/mash', ?, 1, ?, ?)", id, referral, JSON.writeValueAsString(message),
                Timestamp.from(due), Timestamp.from(due));
    }

    /** The police's system: down, answering every call with a failure, or up and taking every message. */
    private record AgencySystem(boolean up) implements ChannelSender {

        @Override
        public NotificationChannel channel() {
            return NotificationChannel.WEBHOOK;
        }

        @Override
        public void send(PendingDelivery delivery) {
            if (!up) {
                throw new IllegalStateException("503 from https://police.example/mash");
            }
        }

        @Override
        public String circuitOf(PendingDelivery delivery) {
            return "police.example";
        }
    }
}
