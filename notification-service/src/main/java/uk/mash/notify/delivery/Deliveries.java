package uk.mash.notify.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.events.ReferrerNotified;
import uk.mash.notify.NotifySettings;
import uk.mash.platform.jdbc.InsertsAtCommit;

/**
 * The email and webhook messages each notification is sent as, per the channels configured for the referrer's
 * agency, or as an email to the referrer when the MASH has no way to reach their agency. A message is stored under its
 * notification id (referral or rejection, outcome version, channel) in the same transaction as the notification,
 * before the consumed record is acknowledged, and kept until delivered. The messages of a transaction are written
 * together when it commits; nothing reads them back before (the SLA clock is stopped in the same transaction only for
 * agencies that have no messages).
 */
@Service
public class Deliveries {

    /**
     * The first key of the advisory locks on referrals whose messages are being sent, so that they cannot collide
     * with any other advisory lock the database is used for.
     */
    static final int REFERRAL_LOCKS = 0x52454652;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final NotifySettings settings;
    private final Clock clock;
    private final InsertsAtCommit messages;

    public Deliveries(JdbcTemplate jdbc, JsonMapper json, NotifySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.messages = new InsertsAtCommit(jdbc, "insert into delivery (notification_id, referral_id, agency_code, "
                + "channel, destination, payload, outcome_version, created_at, next_attempt_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (notification_id) do nothing");
    }

    /**
     * Stores the external messages of a notification just recorded; a repeat of the same key stores nothing: the
     * agency's email and webhook messages or, for a referrer whose agency the MASH has no way to reach, an email to the
     * address the referrer gave ({@code referrerEmail}, none if not given).
     */
    public Scheduled schedule(ReferrerNotified notified, UUID referralId, String referrerEmail) {
        NotifySettings.AgencyChannels channels = settings.channelsOf(notified.getAgencyCode());
        return switch (settings.reachWith(channels)) {
            case AGENCY_MESSAGES -> {
                if (channels.emails()) {
                    store(notified, referralId, NotificationChannel.EMAIL, channels.email());
                }
                if (channels.callsWebhook()) {
                    store(notified, referralId, NotificationChannel.WEBHOOK, channels.webhookUrl());
                }
                yield Scheduled.MESSAGES_TO_SEND;
            }
            case EVENT_ALONE -> Scheduled.TOLD_BY_THE_EVENT;
            case REFERRER_EMAIL -> {
                if (referrerEmail == null || referrerEmail.isBlank()) {
                    yield Scheduled.NO_WAY_TO_TELL;
                }
                store(notified, referralId, NotificationChannel.EMAIL, referrerEmail.strip());
                yield Scheduled.MESSAGES_TO_SEND;
            }
        };
    }

    /** What a notification's scheduling leaves to be done before the referrer is told. */
    public enum Scheduled {
        /** Messages to deliver: the referrer is told once the last is delivered. */
        MESSAGES_TO_SEND,
        /** Nothing: the referrer is told by the event. */
        TOLD_BY_THE_EVENT,
        /** Nothing can be sent: the agency cannot be reached and the referrer gave no email. */
        NO_WAY_TO_TELL
    }

    /**
     * Marks superseded the messages of the referral's earlier outcome versions still waiting, on every channel: the
     * referrer has now been told a later decision, and an earlier one arriving after it (its back-off longer, the
     * agency having been down) would read as the current decision. A message being sent right now is skipped rather
     * than waited for (its sender holds it, then waits for the SLA clock this transaction holds); should it fail,
     * the dispatcher finds it replaced when it next takes it. Answers the ids marked.
     */
    public List<String> supersedeEarlierThan(UUID referralId, int outcomeVersion) {
        return jdbc.queryForList("update delivery set superseded_at = ? where notification_id in (select "
                + "notification_id from delivery where referral_id = ? and delivered_at is null and superseded_at is "
                + "null and outcome_version < ? for update skip locked) returning notification_id", String.class,
                Timestamp.from(clock.instant()), referralId, outcomeVersion);
    }

    /** Whether a referrer from this agency is told by the event alone, with no message to send. */
    public boolean toldByTheEventAlone(String agencyCode) {
        return settings.reachOf(agencyCode) == NotifySettings.Reach.EVENT_ALONE;
    }

    /**
     * Locks for this transaction up to {@code limit} of the messages due now, the oldest first, passing over those
     * another instance has locked; {@link #referralFree} then answers which of them may be sent, each saying whether
     * the referrer has since been told a later outcome of its referral (recorded while it was being sent, or in the
     * same transaction as it).
     * <p>
     * One referral's messages are sent one at a time across instances: otherwise an instance sending an earlier
     * decision's message (which the later decision's consumer passed over, it being in hand) could finish after
     * another instance delivered the later decision, and the earlier one would be what the referrer read last. The
     * referral is held by a transaction-scoped advisory lock, tried rather than waited for, so the message waits for
     * the next dispatch and no instance ever blocks on another's sending (two referrals whose ids hash alike only
     * take turns). A transaction holds the lock again for each of its referral's messages.
     */
    List<String> lockDue(int limit) {
        return jdbc.queryForList("select notification_id from delivery where delivered_at is null "
                + "and undeliverable_at is null and superseded_at is null and next_attempt_at <= ? "
                + "order by next_attempt_at limit ? for update skip locked",
                String.class, Timestamp.from(clock.instant()), limit);
    }

    /**
     * The messages {@link #lockDue locked}, in the same order, but for those whose referral another instance is
     * sending a message of.
     */
    List<PendingDelivery> referralFree(List<String> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        // Found by their keys alone, once locked: asked with delivery_due's own condition, the planner could take
        // that index instead, and with statistics saying few messages wait read every waiting message's entry.
        Map<String, PendingDelivery> referralFree = new HashMap<>();
        jdbc.query("select notification_id, referral_id, agency_code, channel, destination, payload, attempts, "
                + "coalesce(pg_try_advisory_xact_lock(" + REFERRAL_LOCKS + ", hashtext(referral_id::text)), true) "
                + "referral_free, "
                + "exists (select 1 from notification n where n.referral_id = delivery.referral_id "
                + "and n.outcome_version > delivery.outcome_version) replaced from delivery "
                + "where notification_id = any(?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", due.toArray())),
                (RowCallbackHandler) rs -> {
                    if (rs.getBoolean("referral_free")) {
                        referralFree.put(rs.getString("notification_id"), pending(rs));
                    }
                });
        return due.stream().map(referralFree::get).filter(Objects::nonNull).toList();
    }

    /** Marks superseded messages locked for sending whose outcome a later one {@link PendingDelivery#replaced}. */
    void superseded(List<PendingDelivery> replaced) {
        mark("superseded_at = ?", replaced);
    }

    void delivered(List<PendingDelivery> delivered) {
        mark("delivered_at = ?, attempts = attempts + 1, last_error = null", delivered);
    }

    private void mark(String set, List<PendingDelivery> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.update("update delivery set " + set + " where notification_id = any(?)", statement -> {
            statement.setTimestamp(1, Timestamp.from(clock.instant()));
            statement.setArray(2, statement.getConnection().createArrayOf("text",
                    messages.stream().map(PendingDelivery::notificationId).toArray()));
        });
    }

    /** Tries again later, waiting twice as long after each failure up to the configured longest wait. */
    void failed(PendingDelivery delivery, String reason) {
        failed(delivery.notificationId(), delivery.attempts(), reason);
    }

    /**
     * A message whose transaction failed on its own (after the batch it was sent in failed): put back like one that
     * failed to send, so that it does not stay the oldest due and take down every batch after it.
     */
    void notRecorded(String notificationId) {
        jdbc.queryForList("select attempts from delivery where notification_id = ? and delivered_at is null",
                Integer.class, notificationId).forEach(attempts -> failed(notificationId, attempts,
                        "delivery not recorded"));
    }

    private void failed(String notificationId, int attempts, String reason) {
        NotifySettings.Delivery retry = settings.delivery();
        long factor = 1L << Math.min(attempts, 20);
        Duration wait = retry.firstRetryAfter().multipliedBy(factor);
        if (wait.compareTo(retry.maxRetryAfter()) > 0) {
            wait = retry.maxRetryAfter();
        }
        jdbc.update("update delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "where notification_id = ?", Timestamp.from(clock.instant().plus(wait)), storable(reason),
                notificationId);
    }

    /** Gives up on a message its destination refused; it stays undelivered (so the SLA clock runs on). */
    void undeliverable(PendingDelivery delivery, String reason) {
        jdbc.update("update delivery set attempts = attempts + 1, undeliverable_at = ?, last_error = ? "
                + "where notification_id = ?", Timestamp.from(clock.instant()), storable(reason),
                delivery.notificationId());
    }

    /** A destination's reason as PostgreSQL can store it: a text column cannot hold a NUL character. */
    static String storable(String reason) {
        return reason == null ? null : reason.replace('\u0000', ' ');
    }

    /** Messages to referrers not yet delivered and still being tried. */
    public long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from delivery where delivered_at is null "
                + "and undeliverable_at is null and superseded_at is null", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Messages to referrers their destination refused and no later outcome replaced: never delivered, so someone
     * must tell the referrer.
     */
    public long undeliverableCount() {
        Long count = jdbc.queryForObject("select count(*) from delivery where delivered_at is null "
                + "and undeliverable_at is not null and superseded_at is null", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The messages counted by {@link #undeliverableCount()}, the earliest refused first: whom operations must tell
     * another way, and why each was refused.
     */
    public List<RefusedMessage> undeliverable(int limit) {
        return jdbc.query("select referral_id, agency_code, channel, undeliverable_at, last_error from delivery "
                + "where delivered_at is null and undeliverable_at is not null and superseded_at is null "
                + "order by undeliverable_at limit ?", (rs, n) -> new RefusedMessage(
                        rs.getObject("referral_id", UUID.class), rs.getString("agency_code"),
                        NotificationChannel.valueOf(rs.getString("channel")),
                        rs.getTimestamp("undeliverable_at").toInstant(), rs.getString("last_error")), limit);
    }

    /** A message its destination refused, for operations to tell the referrer another way. */
    public record RefusedMessage(UUID referralId, String agencyCode, NotificationChannel channel, Instant refusedAt,
            String reason) {
    }

    private void store(ReferrerNotified notified, UUID referralId, NotificationChannel channel, String destination) {
        String notificationId = idFor(notified.getNotificationId(), channel);
        ReferrerMessage message = new ReferrerMessage(notificationId, notified.getReferralId(),
                notified.getAgencyCode(), notified.getAgencyReference(), notified.getSubject().name(),
                notified.getOutcome() == null ? null : notified.getOutcome().name(), notified.getOutcomeVersion(),
                notified.getNotifiedAt(), notified.getMessage(), notified.getContact());
        Instant now = clock.instant();
        messages.add(notificationId, referralId, notified.getAgencyCode(), channel.name(), destination,
                json.writeValueAsString(message), notified.getOutcomeVersion(), Timestamp.from(now),
                Timestamp.from(now));
    }

    /** The same key as the event's notification id, with the channel in place of {@code EVENT}. */
    static String idFor(String eventNotificationId, NotificationChannel channel) {
        return eventNotificationId.substring(0, eventNotificationId.lastIndexOf(':') + 1) + channel.name();
    }

    private PendingDelivery pending(ResultSet rs) throws SQLException {
        return new PendingDelivery(rs.getString("notification_id"), rs.getObject("referral_id", UUID.class),
                rs.getString("agency_code"), NotificationChannel.valueOf(rs.getString("channel")),
                rs.getString("destination"), json.readValue(rs.getString("payload"), ReferrerMessage.class),
                rs.getInt("attempts"), rs.getBoolean("replaced"));
    }
}
