package uk.mash.notify.referrer;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.NotificationSubject;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.referrer.ReferrerNotifier.Source;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.Outcomes;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * Over real PostgreSQL, a poll's outcomes recorded together (one statement for the notifications, one for the SLA
 * clocks) tell each referrer exactly what recording them one by one would: once, again on redelivery, never an outcome
 * older than one already told, with the clock stopped only for a referrer told by the event alone, and one by one
 * after all if the statement fails. A later outcome is told as a change only if the decision changed, and the
 * messages of the outcome it replaced that still wait are never sent after it.
 */
class OutcomesRecordedTogetherTest {

    private static final String TOPIC = "triage.outcomes.v1";
    private static final String EMAILED_AGENCY = "SCHOOL-0001";
    private static final String EVENT_ONLY_AGENCY = "POLICE-0001";
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");
    private static final AtomicLong OFFSETS = new AtomicLong();

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private static ReferrerNotifier notifier;
    private static SlaClock slaClock;
    private static Deliveries deliveries;

    @BeforeAll
    static void buildNotifier() {
        jdbc = database.jdbc();
        transaction = database.transaction();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NotifySettings settings = NotifyFixtures.settings(Map.of(EMAILED_AGENCY,
                new NotifySettings.AgencyChannels("safeguarding-lead@school.example", null, null, null, false)));
        slaClock = new SlaClock(jdbc, NotifyFixtures.weekdaysWithoutBankHolidays(), settings,
                new SimpleMeterRegistry());
        deliveries = new Deliveries(jdbc, JsonMapper.builder().build(), settings, clock);
        notifier = new ReferrerNotifier(jdbc, new AuditTrail(jdbc, clock), settings, clock, new SimpleMeterRegistry(),
                deliveries, slaClock, transaction.getTransactionManager());
    }

    @Test
    void theSameOutcomeTwiceInAPollIsNotifiedOnceByItsFirstRecord() {
        TriageOutcomeIssued outcome = anOutcome().from(EVENT_ONLY_AGENCY).build();

        List<Optional<ReferrerNotified>> told = handle(List.of(record(outcome), record(outcome)));

        assertThat(told.get(0)).isPresent();
        assertThat(told.get(1)).as("a duplicate from another record sends nothing").isEmpty();
        assertThat(notificationsOf(outcome)).isEqualTo(1);
    }

    @Test
    void aRedeliveredRecordSendsItsStoredNotificationAgain() {
        ConsumerRecord<String, TriageOutcomeIssued> record = record(anOutcome().from(EVENT_ONLY_AGENCY).build());
        ReferrerNotified first = handle(List.of(record)).get(0).orElseThrow();

        Optional<ReferrerNotified> again = handle(List.of(record)).get(0);

        assertThat(again).contains(first);
    }

    @Test
    void theClockStopsWithTheNotificationOnlyForAReferrerToldByTheEventAlone() {
        TriageOutcomeIssued eventOnly = anOutcome().from(EVENT_ONLY_AGENCY).build();
        TriageOutcomeIssued emailed = anOutcome().from(EMAILED_AGENCY).build();

        handle(List.of(record(eventOnly), record(emailed)));

        assertThat(clockOf(eventOnly)).isEqualTo(new ClockTimes(NOW, NOW));
        assertThat(clockOf(emailed)).as("stopped by the dispatcher once the email is delivered")
                .isEqualTo(new ClockTimes(NOW, null));
        assertThat(jdbc.queryForObject("select count(*) from delivery where referral_id = ?", Integer.class,
                emailed.getReferralId())).isEqualTo(1);
    }

    @Test
    void aProvisionalOutcomeMovesTheClockOnButTellsNoOne() {
        TriageOutcomeIssued provisional = anOutcome().from(EVENT_ONLY_AGENCY).provisional().build();

        List<Optional<ReferrerNotified>> told = handle(List.of(record(provisional)));

        assertThat(told.get(0)).isEmpty();
        assertThat(notificationsOf(provisional)).isZero();
        assertThat(clockOf(provisional)).isEqualTo(new ClockTimes(NOW, null));
    }

    @Test
    void anOutcomeOlderThanOneAlreadyToldIsNotToldAndTheSkipIsAudited() {
        Outcomes first = anOutcome().from(EMAILED_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        TriageOutcomeIssued version2 = first.then(OutcomeType.SECTION_17_ASSESSMENT).build();
        handle(List.of(record(version2)));

        Optional<ReferrerNotified> inAPoll = handle(List.of(record(version1))).get(0);
        Optional<ReferrerNotified> onItsOwn = transaction.execute(status -> notifier.onOutcome(version1,
                Source.of(record(version1))));

        assertThat(inAPoll).isEmpty();
        assertThat(onItsOwn).as("as when its poll could not be recorded together").isEmpty();
        assertThat(versionsToldOf(version1)).containsExactly(2);
        assertThat(jdbc.queryForList("select notification_id from delivery where referral_id = ?", String.class,
                version1.getReferralId())).containsExactly(version1.getReferralId() + ":v2:EMAIL");
        assertThat(jdbc.queryForList("select reason from audit_event where action = 'REFERRER_NOT_NOTIFIED' and "
                + "referral_id = ?", String.class, version1.getReferralId())).hasSize(2)
                .allMatch(reason -> reason.startsWith("outcome version 1 not told"));
    }

    @Test
    void anOlderVersionAfterANewerOneInTheSamePollIsNotTold() {
        Outcomes first = anOutcome().from(EVENT_ONLY_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        TriageOutcomeIssued version2 = first.then(OutcomeType.SECTION_17_ASSESSMENT).build();

        List<Optional<ReferrerNotified>> told = handle(List.of(record(version2), record(version1)));

        assertThat(told.get(0)).map(ReferrerNotified::getOutcomeVersion).contains(2);
        assertThat(told.get(1)).isEmpty();
        assertThat(versionsToldOf(version1)).containsExactly(2);
    }

    @Test
    void aNewerVersionAfterAnOlderOneIsToldAsAChange() {
        Outcomes first = anOutcome().from(EVENT_ONLY_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        TriageOutcomeIssued version2 = first.then(OutcomeType.SECTION_17_ASSESSMENT).build();

        List<Optional<ReferrerNotified>> told = handle(List.of(record(version1), record(version2)));

        assertThat(told).allMatch(Optional::isPresent);
        assertThat(told.get(1)).map(ReferrerNotified::getSubject).contains(NotificationSubject.SUPERSEDED_OUTCOME);
        assertThat(told.get(1).orElseThrow().getMessage()).contains("This replaces the earlier decision");
        assertThat(versionsToldOf(version1)).containsExactly(1, 2);
    }

    @Test
    void aProvisionalSection47EnquiryConfirmedByAMashWorkerIsToldAsConfirmedNotAsAChange() {
        Outcomes provisional = anOutcome(OutcomeType.SECTION_47_ENQUIRY).from(EVENT_ONLY_AGENCY).provisional();
        TriageOutcomeIssued version1 = provisional.build();
        TriageOutcomeIssued version2 = byAMashWorker(provisional.then(OutcomeType.SECTION_47_ENQUIRY).build());
        handle(List.of(record(version1)));

        Optional<ReferrerNotified> confirmed = transaction.execute(status -> notifier.onOutcome(version2,
                Source.of(record(version2))));

        assertThat(confirmed).map(ReferrerNotified::getSubject).contains(NotificationSubject.OUTCOME);
        assertThat(confirmed.orElseThrow().getMessage()).contains("A MASH worker has confirmed this decision")
                .doesNotContain("replaces");
        assertThat(versionsToldOf(version1)).containsExactly(1, 2);
    }

    @Test
    void aConfirmationInTheSamePollAsTheProvisionalOutcomeIsToldAsConfirmed() {
        Outcomes provisional = anOutcome(OutcomeType.SECTION_47_ENQUIRY).from(EVENT_ONLY_AGENCY).provisional();
        TriageOutcomeIssued version1 = provisional.build();
        TriageOutcomeIssued version2 = byAMashWorker(provisional.then(OutcomeType.SECTION_47_ENQUIRY).build());

        List<Optional<ReferrerNotified>> told = handle(List.of(record(version1), record(version2)));

        assertThat(told.get(1)).map(ReferrerNotified::getSubject).contains(NotificationSubject.OUTCOME);
        assertThat(told.get(1).orElseThrow().getMessage()).contains("has confirmed this decision");
    }

    @Test
    void anOutcomeFirstToldAtALaterVersionIsToldAsTheDecisionNotAsAChange() {
        Outcomes provisional = anOutcome(OutcomeType.SECTION_17_ASSESSMENT).from(EVENT_ONLY_AGENCY).provisional();
        handle(List.of(record(provisional.build())));
        TriageOutcomeIssued confirmed = provisional.then(OutcomeType.SECTION_17_ASSESSMENT).build();

        Optional<ReferrerNotified> told = handle(List.of(record(confirmed))).get(0);

        assertThat(told).map(ReferrerNotified::getSubject).contains(NotificationSubject.OUTCOME);
        assertThat(told.orElseThrow().getMessage()).doesNotContain("replaces").doesNotContain("confirmed");
    }

    @Test
    void aSingleAgencyReferralMovedToAnotherOrganisationIsToldAsAChange() {
        Outcomes first = anOutcome(OutcomeType.SINGLE_AGENCY).forOrganisation("Fictional School Nursing")
                .from(EVENT_ONLY_AGENCY);
        handle(List.of(record(first.build())));
        TriageOutcomeIssued moved = first.then(OutcomeType.SINGLE_AGENCY).forOrganisation("Fictional Housing")
                .build();

        Optional<ReferrerNotified> told = handle(List.of(record(moved))).get(0);

        assertThat(told).map(ReferrerNotified::getSubject).contains(NotificationSubject.SUPERSEDED_OUTCOME);
    }

    @Test
    void aLaterOutcomeSupersedesTheEarlierOutcomesMessageStillWaitingAndTheClockStopsWithoutIt() {
        Outcomes first = anOutcome().from(EMAILED_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        TriageOutcomeIssued version2 = first.then(OutcomeType.SECTION_17_ASSESSMENT).build();
        handle(List.of(record(version1)));
        String earlier = version1.getReferralId() + ":v1:EMAIL";
        String later = version1.getReferralId() + ":v2:EMAIL";
        jdbc.update("update delivery set attempts = 10, next_attempt_at = next_attempt_at + interval '15 minutes' "
                + "where notification_id = ?", earlier);

        handle(List.of(record(version2)));

        assertThat(jdbc.queryForObject("select superseded_at from delivery where notification_id = ?",
                Timestamp.class, earlier)).as("the earlier decision is never sent").isEqualTo(Timestamp.from(NOW));
        assertThat(jdbc.queryForObject("select superseded_at is null and delivered_at is null from delivery "
                + "where notification_id = ?", Boolean.class, later)).as("the later decision waits").isTrue();
        assertThat(jdbc.queryForList("select reason from audit_event where action = 'REFERRER_MESSAGE_SUPERSEDED' "
                + "and referral_id = ?", String.class, version1.getReferralId()))
                .containsExactly(earlier + " not sent: outcome version 2 was told");

        transaction.executeWithoutResult(status -> {
            jdbc.update("update delivery set delivered_at = ? where notification_id = ?", Timestamp.from(NOW), later);
            slaClock.stopIfTold(version1.getReferralId(), NOW);
        });

        assertThat(clockOf(version1)).as("stopped by the later decision's delivery alone")
                .isEqualTo(new ClockTimes(NOW, NOW));
    }

    @Test
    void aMessageTheDestinationRefusedIsSupersededTooSoNoOneIsAskedToTelephone() {
        Outcomes first = anOutcome().from(EMAILED_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        handle(List.of(record(version1)));
        String earlier = version1.getReferralId() + ":v1:EMAIL";
        jdbc.update("update delivery set undeliverable_at = ? where notification_id = ?", Timestamp.from(NOW),
                earlier);

        handle(List.of(record(first.then(OutcomeType.SECTION_17_ASSESSMENT).build())));

        assertThat(jdbc.queryForObject("select superseded_at from delivery where notification_id = ?",
                Timestamp.class, earlier)).isNotNull();
        assertThat(deliveries.undeliverableCount()).as("messages a referrer must be telephoned about").isZero();
    }

    @Test
    void aMessageAlreadyDeliveredIsNotSuperseded() {
        Outcomes first = anOutcome().from(EMAILED_AGENCY);
        TriageOutcomeIssued version1 = first.build();
        handle(List.of(record(version1)));
        String earlier = version1.getReferralId() + ":v1:EMAIL";
        jdbc.update("update delivery set delivered_at = ? where notification_id = ?", Timestamp.from(NOW), earlier);

        handle(List.of(record(first.then(OutcomeType.SECTION_17_ASSESSMENT).build())));

        assertThat(jdbc.queryForObject("select superseded_at from delivery where notification_id = ?",
                Timestamp.class, earlier)).isNull();
    }

    @Test
    void aPollThatCannotBeRecordedTogetherIsRecordedOneRecordAtATime() {
        jdbc.execute("create function one_row_at_a_time() returns trigger language plpgsql as $$ begin "
                + "if (select count(*) from added) > 1 then raise exception 'one row at a time'; end if; "
                + "return null; end $$");
        jdbc.execute("create trigger one_row_at_a_time after insert on notification referencing new table as added "
                + "for each statement execute function one_row_at_a_time()");
        try {
            TriageOutcomeIssued first = anOutcome().from(EVENT_ONLY_AGENCY).build();
            TriageOutcomeIssued second = anOutcome().from(EVENT_ONLY_AGENCY).build();

            List<Optional<ReferrerNotified>> told = handle(List.of(record(first), record(second)));

            assertThat(told).allMatch(Optional::isPresent);
            assertThat(notificationsOf(first)).isEqualTo(1);
            assertThat(notificationsOf(second)).isEqualTo(1);
            assertThat(clockOf(first)).isEqualTo(new ClockTimes(NOW, NOW));
        }
        finally {
            jdbc.execute("drop trigger one_row_at_a_time on notification");
            jdbc.execute("drop function one_row_at_a_time");
        }
    }

    private static List<Optional<ReferrerNotified>> handle(List<ConsumerRecord<String, TriageOutcomeIssued>> poll) {
        return transaction.execute(status -> {
            notifier.recordTogether(poll);
            return poll.stream().map(record -> notifier.onOutcome(record.value(), Source.of(record))).toList();
        });
    }

    private static TriageOutcomeIssued byAMashWorker(TriageOutcomeIssued outcome) {
        return TriageOutcomeIssued.newBuilder(outcome).setDecidedBy(new DecidedBy(DeciderKind.WORKER, "worker-1"))
                .build();
    }

    private static ConsumerRecord<String, TriageOutcomeIssued> record(TriageOutcomeIssued outcome) {
        return new ConsumerRecord<>(TOPIC, 0, OFFSETS.incrementAndGet(), outcome.getChildKey(), outcome);
    }

    private static int notificationsOf(TriageOutcomeIssued outcome) {
        return jdbc.queryForObject("select count(*) from notification where referral_id = ?", Integer.class,
                outcome.getReferralId());
    }

    private static List<Integer> versionsToldOf(TriageOutcomeIssued outcome) {
        return jdbc.queryForList("select outcome_version from notification where referral_id = ? "
                + "order by outcome_version", Integer.class, outcome.getReferralId());
    }

    private static ClockTimes clockOf(TriageOutcomeIssued outcome) {
        return jdbc.queryForObject("select outcome_at, notified_at from sla_clock where referral_id = ?",
                (rs, n) -> new ClockTimes(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))),
                outcome.getReferralId());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record ClockTimes(Instant outcomeAt, Instant notifiedAt) {
    }
}
