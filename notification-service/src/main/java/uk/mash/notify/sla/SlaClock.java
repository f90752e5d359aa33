package uk.mash.notify.sla;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

import uk.mash.notify.NotifySettings;
import uk.mash.notify.calendar.WorkingDayCalendar;
import uk.mash.platform.jdbc.ArrayRows;
import uk.mash.platform.jdbc.InsertsAtCommit;

/**
 * The one-working-day clock of each referral ("The referring professional will be contacted and updated as to the
 * outcome of their referral ... within one working day", seed 003). It starts at receipt and stops once the
 * referrer has been told an outcome on every channel of their agency, which is when the time to notify is measured
 * ({@link TimeToNotify}). Every write is idempotent, so redelivered events and events arriving out of order (an
 * outcome before its receipt) leave one clock per referral.
 */
@Service
public class SlaClock {

    /** A version later than the clock's outcome, or its first: only the latest says whom a referral waits on. */
    private static final String LATER_OUTCOME = "(c.outcome_version is null or excluded.outcome_version > "
            + "c.outcome_version)";
    private static final String LATEST_OUTCOME = "outcome_version = case when " + LATER_OUTCOME
            + " then excluded.outcome_version else c.outcome_version end, awaiting_mash_decision = case when "
            + LATER_OUTCOME + " then excluded.awaiting_mash_decision else c.awaiting_mash_decision end";

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final Duration atRiskBefore;
    private final InsertsAtCommit startedClocks;
    /**
     * Answers, for each clock it stops, how long after receipt: one the referrer was told by the event alone is
     * stopped as it is written, so that its row is written once. Every part of the statement reads the clocks as they
     * were before it, so a clock already stopped is told apart from one it stops.
     */
    private final ArrayRows issuedClocks = new ArrayRows("with issued (referral_id, received_at, at_risk_at, deadline, "
            + "outcome_at, notified_at, outcome_version, awaiting_mash_decision) as (select * from unnest(?::uuid[], "
            + "?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::int[], "
            + "?::boolean[])), stopped_before as (select s.referral_id from issued i join sla_clock s on "
            + "s.referral_id = i.referral_id where i.notified_at is not null and s.notified_at is not null), "
            + "kept as (insert into sla_clock as c (referral_id, received_at, at_risk_at, deadline, "
            + "outcome_at, notified_at, outcome_version, awaiting_mash_decision) select * from issued on conflict "
            + "(referral_id) do update set outcome_at = coalesce(c.outcome_at, excluded.outcome_at), notified_at = "
            + "coalesce(c.notified_at, case when " + nothingWaitingFor("c.referral_id") + " then excluded.notified_at "
            + "end), " + LATEST_OUTCOME + " where c.outcome_at is null or c.notified_at is null and "
            + "excluded.notified_at is not null or " + LATER_OUTCOME + " returning c.referral_id, c.received_at, "
            + "c.notified_at) select " + microsSinceReceipt("k") + " from kept k where k.notified_at is not null and "
            + "not exists (select 1 from stopped_before b where b.referral_id = k.referral_id)",
            "uuid", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "int4", "bool");
    private final TimeToNotify timeToNotify;

    public SlaClock(JdbcTemplate jdbc, WorkingDayCalendar calendar, NotifySettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.timeToNotify = new TimeToNotify(meters);
        this.calendar = calendar;
        this.atRiskBefore = settings.sla().atRiskBefore();
        this.startedClocks = new InsertsAtCommit(jdbc, "insert into sla_clock (referral_id, received_at, at_risk_at, "
                + "deadline) values (?, ?, ?, ?) on conflict (referral_id) do nothing");
    }

    /**
     * Starts the clock at receipt. Within a transaction the clock is written when it commits, with the others started
     * in it: nothing reads it back before.
     */
    public void started(UUID referralId, Instant receivedAt) {
        Times times = timesFor(receivedAt);
        startedClocks.add(referralId, Timestamp.from(receivedAt), times.atRisk(), times.deadline());
    }

    /**
     * Starts the clock too when the outcome is the first the notifier hears of the referral, and records whether the
     * referral's latest outcome waits for a MASH worker's decision.
     */
    public void outcomeIssued(IssuedOutcome outcome) {
        Times times = timesFor(outcome.receivedAt());
        jdbc.update("insert into sla_clock as c (referral_id, received_at, at_risk_at, deadline, outcome_at, "
                + "outcome_version, awaiting_mash_decision) values (?, ?, ?, ?, ?, ?, ?) on conflict (referral_id) do "
                + "update set outcome_at = coalesce(c.outcome_at, excluded.outcome_at), " + LATEST_OUTCOME
                + " where c.outcome_at is null or " + LATER_OUTCOME, outcome.referralId(),
                Timestamp.from(outcome.receivedAt()), times.atRisk(), times.deadline(), Timestamp.from(outcome.at()),
                outcome.version(), outcome.awaitingMashDecision());
    }

    /**
     * The clocks of a poll's outcomes, in one statement: each started if the outcome is the first the notifier hears
     * of its referral, given the outcome's time, and stopped where the referrer was told by the event alone and no
     * message of the referral is still waiting to be delivered; each stop is measured when the transaction commits.
     * Outcomes are taken in referral order ({@link SlaClockOrder}), a referral's first outcome giving its time and its
     * latest whether it waits for a MASH worker.
     */
    public void outcomesIssued(List<IssuedOutcome> outcomes) {
        Map<UUID, IssuedOutcome> byReferral = new TreeMap<>();
        for (IssuedOutcome outcome : outcomes) {
            byReferral.merge(outcome.referralId(), outcome, IssuedOutcome::and);
        }
        timeToNotify.stopped(issuedClocks.query(jdbc, byReferral.values().stream().map(outcome -> {
            Times times = timesFor(outcome.receivedAt());
            return new Object[] {outcome.referralId(), Timestamp.from(outcome.receivedAt()), times.atRisk(),
                times.deadline(), Timestamp.from(outcome.at()),
                outcome.toldAt() == null ? null : Timestamp.from(outcome.toldAt()), outcome.version(),
                outcome.awaitingMashDecision()};
        }).toList(), Long.class));
    }

    /**
     * Stops the clock if no message of this referral is still waiting to be delivered (a message a later outcome
     * superseded waits for nothing).
     */
    public void stopIfTold(UUID referralId, Instant at) {
        stopIfTold(List.of(referralId), at);
    }

    /**
     * Stops the clock of each of these referrals that has no message still waiting to be delivered. The clocks are
     * locked first: two instances delivering a referral's last two messages at once would each see the other's still
     * waiting, and neither stop it; locked, the second waits for the first to commit and then sees its message
     * delivered. They are locked in {@link SlaClockOrder}'s order, the listeners' own, so that a dispatcher and a
     * listener's poll never each hold a clock the other waits for. A referral named twice is stopped once; none, and
     * nothing is asked of the database.
     */
    public void stopIfTold(Collection<UUID> referralIds, Instant at) {
        if (referralIds.isEmpty()) {
            return;
        }
        Object[] inOrder = new TreeSet<>(referralIds).toArray();
        jdbc.query("select c.referral_id from unnest(?::uuid[]) with ordinality r (referral_id, n) "
                + "join sla_clock c on c.referral_id = r.referral_id where c.notified_at is null "
                + "order by r.n for update of c",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", inOrder)),
                (RowCallbackHandler) locked -> { });
        timeToNotify.stopped(jdbc.query("update sla_clock c set notified_at = ? where referral_id = any(?) and "
                + "notified_at is null and " + nothingWaitingFor("c.referral_id") + " returning "
                + microsSinceReceipt("c"), statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setArray(2, statement.getConnection().createArrayOf("uuid", inOrder));
                }, (rs, row) -> rs.getLong(1)));
    }

    /**
     * The referrals whose referrer has not been told and that are at risk or past their deadline {@code now}, by the
     * clock's own times rather than by whether the sweep's event got out: when the broker is down, which is when
     * operations look, none would get out and the list would read empty while deadlines pass.
     */
    public List<OpenSlaReferral> openAtRiskOrBreached(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("select referral_id, received_at, at_risk_at, deadline, outcome_at, awaiting_mash_decision, "
                + "deadline <= ? breached from sla_clock where notified_at is null and at_risk_at <= ? "
                + "order by deadline",
                (rs, n) -> new OpenSlaReferral(rs.getObject("referral_id", UUID.class),
                        rs.getBoolean("breached") ? "BREACHED" : "AT_RISK",
                        SlaStage.of(rs.getTimestamp("outcome_at") != null, rs.getBoolean("awaiting_mash_decision")),
                        rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("at_risk_at").toInstant(),
                        rs.getTimestamp("deadline").toInstant()), at, at);
    }

    private static String microsSinceReceipt(String clock) {
        return "(extract(epoch from " + clock + ".notified_at - " + clock + ".received_at) * 1000000)::bigint";
    }

    /**
     * None of the referral's messages still waits to be delivered (one a later outcome superseded waits for nothing).
     * {@code offset 0} keeps the question one index look-up per referral: turned into an anti join, and with
     * statistics saying few messages wait, the planner read every waiting message's entry for each referral.
     */
    private static String nothingWaitingFor(String referral) {
        return "not exists (select 1 from delivery d where d.referral_id = " + referral + " and d.delivered_at is null "
                + "and d.superseded_at is null offset 0)";
    }

    private Times timesFor(Instant receivedAt) {
        ZonedDateTime deadline = calendar.deadlineFor(receivedAt);
        Instant atRisk = calendar.workingTimeBefore(deadline, atRiskBefore);
        return new Times(Timestamp.from(atRisk.isBefore(receivedAt) ? receivedAt : atRisk),
                Timestamp.from(deadline.toInstant()));
    }

    /**
     * Outcome {@code version} of a referral, issued {@code at}; {@code toldAt} when its referrer was then told by the
     * event alone; {@code awaitingMashDecision} when it is provisional and told only once a MASH worker decides.
     */
    public record IssuedOutcome(UUID referralId, Instant receivedAt, Instant at, Instant toldAt, int version,
            boolean awaitingMashDecision) {

        /** Two outcomes of one referral in a poll: the first's times, told by either, waiting as the later says. */
        IssuedOutcome and(IssuedOutcome other) {
            IssuedOutcome latest = other.version() > version ? other : this;
            return new IssuedOutcome(referralId, receivedAt, at, toldAt != null ? toldAt : other.toldAt(),
                    latest.version(), latest.awaitingMashDecision());
        }
    }

    private record Times(Timestamp atRisk, Timestamp deadline) {
    }
}
