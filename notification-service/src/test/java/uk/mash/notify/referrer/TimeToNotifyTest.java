package uk.mash.notify.referrer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.NotifySettings.AgencyChannels;
import uk.mash.notify.NotifySettings.UnregisteredAgencies;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.referrer.ReferrerNotifier.Source;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.Outcomes;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * {@code referrals_time_to_notify_seconds} measures from receipt to the referrer being told, which is when the SLA
 * clock stops, not to the notification being recorded: with an agency's messages still waiting (its mail server or
 * system down) the referrer has not been told and nothing is measured until they are delivered; a referrer the MASH
 * has no way to tell is never measured; one told by the event alone is measured at once; and each referral is
 * measured once, whatever follows its clock stopping.
 */
class TimeToNotifyTest {

    private static final String TOPIC = "triage.outcomes.v1";
    private static final String EMAILED_AGENCY = "SCHOOL-0001";
    private static final String AGENCY_READING_THE_EVENT = "HEALTH-0001";
    private static final String AGENCY_NOT_REGISTERED = "HEALTH-0099";
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");
    private static final Instant DELIVERED = NOW.plus(Duration.ofHours(2));
    private static final AtomicLong OFFSETS = new AtomicLong();
    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of(
            EMAILED_AGENCY, new AgencyChannels("safeguarding-lead@school.example", null, null, null, false),
            AGENCY_READING_THE_EVENT, new AgencyChannels(null, null, null, null, true)),
            UnregisteredAgencies.REFERRER_EMAIL);

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private SimpleMeterRegistry meters;
    private SlaClock slaClock;
    private ReferrerNotifier notifier;

    @BeforeAll
    static void connect() {
        jdbc = database.jdbc();
        transaction = database.transaction();
    }

    @BeforeEach
    void startNotifierWithNothingMeasured() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        meters = new SimpleMeterRegistry();
        slaClock = new SlaClock(jdbc, NotifyFixtures.weekdaysWithoutBankHolidays(), SETTINGS, meters);
        notifier = new ReferrerNotifier(jdbc, new AuditTrail(jdbc, clock), SETTINGS, clock, new SimpleMeterRegistry(),
                new Deliveries(jdbc, JsonMapper.builder().build(), SETTINGS, clock), slaClock,
                transaction.getTransactionManager());
    }

    @Test
    void aReferrerWhoseEmailStillWaitsIsNotMeasuredUntilItIsDelivered() {
        TriageOutcomeIssued outcome = anOutcome().from(EMAILED_AGENCY).build();

        handle(outcome);

        assertThat(timeToNotify().count()).as("measured while the email waits").isZero();

        deliverEverythingOf(outcome);

        assertThat(timeToNotify().count()).isEqualTo(1);
        assertThat(timeToNotify().totalTime(TimeUnit.SECONDS)).as("from receipt to delivery")
                .isCloseTo(secondsBetween(outcome.getReceivedAt(), DELIVERED), within(0.001));
    }

    @Test
    void aReferrerToldByTheEventAloneIsMeasuredAtOnce() {
        TriageOutcomeIssued outcome = anOutcome().from(AGENCY_READING_THE_EVENT).build();

        handle(outcome);

        assertThat(timeToNotify().count()).isEqualTo(1);
        assertThat(timeToNotify().totalTime(TimeUnit.SECONDS))
                .isCloseTo(secondsBetween(outcome.getReceivedAt(), NOW), within(0.001));
    }

    @Test
    void aReferrerToldByTheEventAloneIsMeasuredAtOnceWhenTheOutcomeIsRecordedOnItsOwn() {
        TriageOutcomeIssued outcome = anOutcome().from(AGENCY_READING_THE_EVENT).build();

        transaction.execute(status -> notifier.onOutcome(outcome, Source.of(record(outcome))));

        assertThat(timeToNotify().count()).isEqualTo(1);
        assertThat(timeToNotify().totalTime(TimeUnit.SECONDS))
                .isCloseTo(secondsBetween(outcome.getReceivedAt(), NOW), within(0.001));
    }

    @Test
    void aReferrerTheMashHasNoWayToTellIsNeverMeasured() {
        TriageOutcomeIssued outcome = anOutcome().from(AGENCY_NOT_REGISTERED).build();

        handle(outcome);

        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'REFERRER_NOT_REACHABLE' "
                + "and referral_id = ?", Integer.class, outcome.getReferralId())).isEqualTo(1);
        assertThat(timeToNotify().count()).isZero();
    }

    @Test
    void aProvisionalOutcomeToldNoOneIsNotMeasured() {
        handle(anOutcome().from(AGENCY_READING_THE_EVENT).provisional().build());

        assertThat(timeToNotify().count()).isZero();
    }

    @Test
    void aReferralIsMeasuredOnceThoughALaterOutcomeIsToldAfterItsClockStopped() {
        Outcomes first = anOutcome().from(AGENCY_READING_THE_EVENT);
        TriageOutcomeIssued version1 = first.build();
        handle(version1);

        handle(first.then(OutcomeType.SECTION_17_ASSESSMENT).build());
        transaction.executeWithoutResult(status -> slaClock.stopIfTold(version1.getReferralId(), DELIVERED));

        assertThat(timeToNotify().count()).isEqualTo(1);
        assertThat(timeToNotify().totalTime(TimeUnit.SECONDS))
                .isCloseTo(secondsBetween(version1.getReceivedAt(), NOW), within(0.001));
    }

    @Test
    void aReferrerToldInATransactionRolledBackIsNotMeasured() {
        TriageOutcomeIssued outcome = anOutcome().from(AGENCY_READING_THE_EVENT).build();

        transaction.executeWithoutResult(status -> {
            notifier.recordTogether(List.of(record(outcome)));
            status.setRollbackOnly();
        });

        assertThat(timeToNotify().count()).isZero();
    }

    private Timer timeToNotify() {
        return meters.get("referrals.time.to.notify").timer();
    }

    /** As the notification listener records a poll of one. */
    private void handle(TriageOutcomeIssued outcome) {
        ConsumerRecord<String, TriageOutcomeIssued> record = record(outcome);
        transaction.executeWithoutResult(status -> {
            notifier.recordTogether(List.of(record));
            notifier.onOutcome(outcome, Source.of(record));
        });
    }

    /** As the delivery dispatcher records the referral's last message delivered. */
    private void deliverEverythingOf(TriageOutcomeIssued outcome) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("update delivery set delivered_at = ? where referral_id = ?", Timestamp.from(DELIVERED),
                    outcome.getReferralId());
            slaClock.stopIfTold(outcome.getReferralId(), DELIVERED);
        });
    }

    private static ConsumerRecord<String, TriageOutcomeIssued> record(TriageOutcomeIssued outcome) {
        return new ConsumerRecord<>(TOPIC, 0, OFFSETS.incrementAndGet(), outcome.getChildKey(), outcome);
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
