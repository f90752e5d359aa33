package uk.mash.notify.referrer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.NotificationChannel;
import uk.mash.events.NotificationSubject;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.jdbc.ArrayRows;
import uk.mash.platform.jdbc.TogetherOrOneByOne;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.serde.StoredEvents;

/**
 * Tells the referrer about every outcome that stands and every refusal ("The MASH will always inform referrers of
 * the decision that has been taken", seed 002), but never an outcome older than one the referrer was told. Each
 * notification is recorded under a unique key (referral or rejection, outcome version, channel) before the consumed
 * offset is committed: a redelivery of the same record re-sends the stored event, a duplicate from elsewhere sends
 * nothing, and no referrer is told twice. The email and webhook messages of the referrer's agency are stored in the
 * same transaction and sent by the delivery dispatcher. Every outcome moves the referral's SLA clock on; it stops
 * once the referrer has been told on every channel.
 */
@Service
public class ReferrerNotifier {

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final NotifySettings settings;
    private final Clock clock;
    private final Counter unreachable;
    private final MeterRegistry meters;
    private final Deliveries deliveries;
    private final SlaClock slaClock;
    private final TogetherOrOneByOne together;
    private final TransactionReads<Source, RecordedTogether> recordedTogether = new TransactionReads<>();
    private final ArrayRows notifications = new ArrayRows("insert into notification (notification_id, referral_id, "
            + "agency_code, agency_reference, channel, subject, outcome, outcome_version, notified_at, received_at, "
            + "source_topic, source_partition, source_offset, event) select * from unnest(?::text[], ?::uuid[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], "
            + "?::text[], ?::int[], ?::bigint[], ?::bytea[]) as u (notification_id, referral_id, agency_code, "
            + "agency_reference, channel, subject, outcome, outcome_version, notified_at, received_at, source_topic, "
            + "source_partition, source_offset, event) where coalesce(u.outcome_version, 0) >= coalesce((select "
            + "max(n.outcome_version) from notification n where n.referral_id = u.referral_id), 0) "
            + "on conflict (notification_id) do nothing returning notification_id", "text", "uuid", "text", "text",
            "text", "text", "text", "int4", "timestamptz", "timestamptz", "text", "int4", "int8", "bytea");

    ReferrerNotifier(JdbcTemplate jdbc, AuditTrail audit, NotifySettings settings, Clock clock, MeterRegistry meters,
            Deliveries deliveries, SlaClock slaClock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.together = new TogetherOrOneByOne(transactions);
        this.deliveries = deliveries;
        this.slaClock = slaClock;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        // registered at start-up: the alert's increase() cannot see the increment that would create it
        this.unreachable = Counter.builder("referrer.unreachable")
                .description("Notifications to a referrer whose agency cannot be reached and who gave no email")
                .register(meters);
    }

    /**
     * Records a poll's outcomes in two statements, one for their notifications and one for their SLA clocks, instead
     * of two or three for each; {@link #onOutcome} then finishes each record with what was recorded for it. Should
     * either statement fail, neither is kept and each record is recorded on its own, so that a record at fault is
     * dead-lettered alone.
     */
    public void recordTogether(List<ConsumerRecord<String, TriageOutcomeIssued>> poll) {
        together.run("record outcomes' notifications and SLA clocks", poll.size(), () -> recordAll(poll));
    }

    @Transactional
    public Optional<ReferrerNotified> onOutcome(TriageOutcomeIssued outcome, Source source) {
        if (recordedTogether.holds(source)) {
            RecordedTogether recorded = recordedTogether.value(source);
            if (recorded == null) {
                return Optional.empty();
            }
            return recorded.first() ? Optional.of(afterRecording(recorded.notified(), outcome.getReferralId(),
                    referrerEmailOf(outcome), false))
                    : notRecordedNow(recorded.notified(), source);
        }
        Instant at = clock.instant();
        slaClock.outcomeIssued(new SlaClock.IssuedOutcome(outcome.getReferralId(), outcome.getReceivedAt(), at, null,
                outcome.getOutcomeVersion(), !stands(outcome)));
        return notificationOf(outcome, at, lastToldOf(List.of(outcome))).flatMap(notified -> record(notified,
                outcome.getReferralId(), outcome.getReceivedAt(), referrerEmailOf(outcome), source));
    }

    private void recordAll(List<ConsumerRecord<String, TriageOutcomeIssued>> poll) {
        Instant at = clock.instant();
        Set<Source> sources = new HashSet<>();
        List<Notifying> notifying = new ArrayList<>();
        Map<Source, RecordedTogether> recorded = new HashMap<>();
        Map<UUID, Integer> newestInPoll = new HashMap<>();
        Map<UUID, ReferrerNotified> lastTold = lastToldOf(poll.stream().map(ConsumerRecord::value).toList());
        for (ConsumerRecord<String, TriageOutcomeIssued> record : poll) {
            Source source = Source.of(record);
            sources.add(source);
            notificationOf(record.value(), at, lastTold).ifPresent(notified -> {
                // the insert's own check cannot see a later version inserted by the same statement
                Integer newest = newestInPoll.merge(record.value().getReferralId(), notified.getOutcomeVersion(),
                        Math::max);
                if (notified.getOutcomeVersion() < newest) {
                    recorded.put(source, new RecordedTogether(notified, false));
                }
                else {
                    notifying.add(new Notifying(source, record.value(), notified));
                    lastTold.put(record.value().getReferralId(), notified);
                }
            });
        }
        Set<String> inserted = insertAll(notifying);
        Set<UUID> toldByEventAlone = new HashSet<>();
        for (Notifying each : notifying) {
            boolean first = inserted.remove(each.notified().getNotificationId());
            recorded.put(each.source(), new RecordedTogether(each.notified(), first));
            if (first && deliveries.toldByTheEventAlone(each.notified().getAgencyCode())) {
                toldByEventAlone.add(each.outcome().getReferralId());
            }
        }
        slaClock.outcomesIssued(poll.stream().map(ConsumerRecord::value).map(outcome -> new SlaClock.IssuedOutcome(
                outcome.getReferralId(), outcome.getReceivedAt(), at,
                toldByEventAlone.contains(outcome.getReferralId()) ? at : null, outcome.getOutcomeVersion(),
                !stands(outcome))).toList());
        recordedTogether.hold(sources, recorded);
    }

    /** Inserts the notifications not yet recorded; answers the ids inserted (by the first record to carry each). */
    private Set<String> insertAll(List<Notifying> notifying) {
        if (notifying.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(notifications.query(jdbc, notifying.stream().map(each -> notificationRow(each.notified(),
                each.outcome().getReferralId(), each.outcome().getReceivedAt(), each.source())).toList(),
                String.class));
    }

    private static Object[] notificationRow(ReferrerNotified notified, UUID referralId, Instant receivedAt,
            Source source) {
        return new Object[] {notified.getNotificationId(), referralId, notified.getAgencyCode(),
            notified.getAgencyReference(), notified.getChannel().name(), notified.getSubject().name(),
            notified.getOutcome() == null ? null : notified.getOutcome().name(), notified.getOutcomeVersion(),
            Timestamp.from(notified.getNotifiedAt()), receivedAt == null ? null : Timestamp.from(receivedAt),
            source.topic(), source.partition(), source.offset(), StoredEvents.encode(notified)};
    }

    /**
     * The notification last told of each referral with a later outcome version among these, in one read (a poll of
     * first versions reads nothing). A copy the caller may add to.
     */
    private Map<UUID, ReferrerNotified> lastToldOf(List<TriageOutcomeIssued> outcomes) {
        UUID[] referrals = outcomes.stream().filter(outcome -> outcome.getOutcomeVersion() > 1 && stands(outcome))
                .map(TriageOutcomeIssued::getReferralId).distinct().toArray(UUID[]::new);
        Map<UUID, ReferrerNotified> told = new HashMap<>();
        if (referrals.length > 0) {
            jdbc.query("select distinct on (referral_id) referral_id, event from notification "
                    + "where referral_id = any(?) order by referral_id, outcome_version desc",
                    rs -> {
                        told.put(rs.getObject("referral_id", UUID.class),
                                StoredEvents.decode(rs.getBytes("event"), ReferrerNotified.class));
                    }, (Object) referrals);
        }
        return told;
    }

    /** Confirmed, or a section 47 enquiry (told at once). */
    private static boolean stands(TriageOutcomeIssued outcome) {
        return outcome.getStatus() == OutcomeStatus.CONFIRMED || outcome.getOutcome() == OutcomeType.SECTION_47_ENQUIRY;
    }

    /**
     * The event notification of an outcome that stands. Told after another outcome of its referral, it is a changed
     * decision only if the decision differs from the one last told: a provisional section 47 enquiry confirmed by a
     * MASH worker is told as confirmed, not as a change.
     */
    private Optional<ReferrerNotified> notificationOf(TriageOutcomeIssued outcome, Instant at,
            Map<UUID, ReferrerNotified> lastTold) {
        if (!stands(outcome)) {
            return Optional.empty();
        }
        NotificationMessages.Telling telling = NotificationMessages.telling(outcome,
                Optional.ofNullable(lastTold.get(outcome.getReferralId()))
                        .filter(told -> told.getOutcomeVersion() < outcome.getOutcomeVersion()));
        NotificationSubject subject = outcome.getOutcome() == OutcomeType.RETURNED_FOR_CONSENT
                ? NotificationSubject.RETURNED_FOR_CONSENT
                : telling == NotificationMessages.Telling.CHANGE ? NotificationSubject.SUPERSEDED_OUTCOME
                        : NotificationSubject.OUTCOME;
        String id = outcome.getReferralId() + ":v" + outcome.getOutcomeVersion() + ":" + NotificationChannel.EVENT;
        return Optional.of(ReferrerNotified.newBuilder()
                .setEventId(UUID.randomUUID())
                .setNotificationId(id)
                .setReferralId(outcome.getReferralId().toString())
                .setAgencyCode(outcome.getReferral().getReferrer().getAgencyCode())
                .setAgencyReference(outcome.getReferral().getAgencyReference())
                .setChannel(NotificationChannel.EVENT)
                .setSubject(subject)
                .setOutcome(outcome.getOutcome())
                .setOutcomeVersion(outcome.getOutcomeVersion())
                .setNotifiedAt(at)
                .setMessage(NotificationMessages.forOutcome(outcome, telling))
                .setContact(settings.contactFor(outcome.getReferral().getLocalAuthority()))
                .build());
    }

    @Transactional
    public Optional<ReferrerNotified> onRejection(ReferralRejected rejected, Source source) {
        String id = "rejected:" + rejected.getEventId() + ":" + NotificationChannel.EVENT;
        ReferrerNotified notified = ReferrerNotified.newBuilder()
                .setEventId(UUID.randomUUID())
                .setNotificationId(id)
                .setReferralId(null)
                .setAgencyCode(rejected.getAgencyCode())
                .setAgencyReference(rejected.getAgencyReference())
                .setChannel(NotificationChannel.EVENT)
                .setSubject(NotificationSubject.REJECTION)
                .setNotifiedAt(clock.instant())
                .setMessage(NotificationMessages.forRejection(rejected))
                .setContact(settings.contactFor(rejected.getLocalAuthority()))
                .build();
        return record(notified, null, null, rejected.getSubmission() == null ? null
                : rejected.getSubmission().getReferrer().getEmail(), source);
    }

    private static String referrerEmailOf(TriageOutcomeIssued outcome) {
        return outcome.getReferral().getReferrer().getEmail();
    }

    public List<StoredNotification> forReferral(UUID referralId) {
        return jdbc.query("select notification_id, referral_id, agency_code, agency_reference, channel, subject, "
                + "outcome, outcome_version, notified_at, event from notification where referral_id = ? "
                + "order by notified_at", (rs, n) -> {
                    ReferrerNotified event = StoredEvents.decode(rs.getBytes("event"), ReferrerNotified.class);
                    return new StoredNotification(rs.getString("notification_id"),
                            rs.getObject("referral_id", UUID.class), rs.getString("agency_code"),
                            rs.getString("agency_reference"), rs.getString("channel"), rs.getString("subject"),
                            rs.getString("outcome"), (Integer) rs.getObject("outcome_version"),
                            rs.getTimestamp("notified_at").toInstant(), event.getMessage(), event.getContact());
                }, referralId);
    }

    private Optional<ReferrerNotified> record(ReferrerNotified notified, UUID referralId, Instant receivedAt,
            String referrerEmail, Source source) {
        List<Object[]> row = List.<Object[]>of(notificationRow(notified, referralId, receivedAt, source));
        if (notifications.query(jdbc, row, String.class).isEmpty()) {
            return notRecordedNow(notified, source);
        }
        return Optional.of(afterRecording(notified, referralId, referrerEmail, true));
    }

    /**
     * A notification not recorded by this record. Recorded before, it is sent again only if recorded from this very
     * record (a redelivery). Never recorded, its outcome is older than one the referrer was told (redelivered late,
     * or republished from a dead-letter topic): telling it now would present a replaced decision as the current one.
     */
    private Optional<ReferrerNotified> notRecordedNow(ReferrerNotified notified, Source source) {
        List<StoredSend> earlier = jdbc.query("select source_topic, source_partition, source_offset, event "
                + "from notification where notification_id = ?",
                (rs, n) -> new StoredSend(new Source(rs.getString(1), rs.getInt(2), rs.getLong(3)), rs.getBytes(4)),
                notified.getNotificationId());
        if (earlier.isEmpty()) {
            audit.record("REFERRER_NOT_NOTIFIED", UUID.fromString(notified.getReferralId()), "outcome version "
                    + notified.getOutcomeVersion() + " not told: the referrer was told a later version first");
            return Optional.empty();
        }
        return earlier.get(0).source().equals(source)
                ? Optional.of(StoredEvents.decode(earlier.get(0).event(), ReferrerNotified.class))
                : Optional.empty();
    }

    /**
     * Schedules the messages of a notification just recorded (an earlier outcome's messages still waiting are not to
     * be sent after it), and stops the SLA clock of a referrer told by the event alone unless that was done with the
     * notification ({@code stopClock} false). A referrer the MASH has no way to tell (an agency it cannot reach, and
     * no email given) is audited and counted, and their clock runs on to at risk and breached, where the operations
     * page and its alerts show it to someone who can telephone them.
     */
    private ReferrerNotified afterRecording(ReferrerNotified notified, UUID referralId, String referrerEmail,
            boolean stopClock) {
        if (referralId != null && notified.getOutcomeVersion() > 1) {
            deliveries.supersedeEarlierThan(referralId, notified.getOutcomeVersion()).forEach(message -> audit.record(
                    "REFERRER_MESSAGE_SUPERSEDED", referralId, message + " not sent: outcome version "
                            + notified.getOutcomeVersion() + " was told"));
        }
        Deliveries.Scheduled scheduled = deliveries.schedule(notified, referralId, referrerEmail);
        if (stopClock && referralId != null && scheduled == Deliveries.Scheduled.TOLD_BY_THE_EVENT) {
            // otherwise the dispatcher stops the clock once the last message is delivered
            slaClock.stopIfTold(referralId, clock.instant());
        }
        if (scheduled == Deliveries.Scheduled.NO_WAY_TO_TELL) {
            audit.record("REFERRER_NOT_REACHABLE", referralId, notified.getSubject() + " only by "
                    + notified.getChannel() + ": agency " + notified.getAgencyCode() + " is not registered to read it, "
                    + "and the referrer gave no email: telephone them");
            unreachable.increment();
        }
        audit.record("REFERRER_NOTIFIED", referralId, notified.getSubject() + " by " + notified.getChannel());
        meters.counter("referrer.notifications.sent", "channel", notified.getChannel().name(), "subject",
                notified.getSubject().name()).increment();
        return notified;
    }

    private record StoredSend(Source source, byte[] event) {
    }

    /** An outcome's record and the notification it is told by. */
    private record Notifying(Source source, TriageOutcomeIssued outcome, ReferrerNotified notified) {
    }

    /** A notification recorded with its poll; {@code first} if by this record, not an earlier one. */
    private record RecordedTogether(ReferrerNotified notified, boolean first) {
    }

    /** The Kafka record a notification came from. */
    public record Source(String topic, int partition, long offset) {

        public static Source of(ConsumerRecord<?, ?> record) {
            return new Source(record.topic(), record.partition(), record.offset());
        }
    }
}
