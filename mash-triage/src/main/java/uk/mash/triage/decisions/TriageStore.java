package uk.mash.triage.decisions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.jdbc.AnyOfIds;
import uk.mash.platform.jdbc.ArrayRows;
import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.serde.StoredEvents;

/**
 * Triage's own tables: referrals as first received, each outcome version as issued, tasks for MASH workers, and the
 * later accounts of telephone referrals: their written follow-ups, and calls that reached triage after them.
 */
@Repository
class TriageStore {

    private static final String INSERT_OUTCOME = "insert into outcome (referral_id, outcome_version, outcome, status, "
            + "issued_at, event, pending_publication) values (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TASK = "insert into task (task_id, referral_id, kind, priority, deadline, "
            + "state, event) values (?, ?, ?, ?, ?, 'OPEN', ?)";

    private final JdbcTemplate jdbc;
    private final InsertsAtCommit recommendedOutcomes;
    private final InsertsAtCommit tasks;
    private final ArrayRows referrals = new ArrayRows("insert into referral (referral_id, child_key, "
            + "local_authority, received_at, source_partition, source_offset) select * from unnest(?::uuid[], "
            + "?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::bigint[]) on conflict do nothing "
            + "returning referral_id", "uuid", "text", "text", "timestamptz", "int4", "int8");
    private final TransactionReads<Position, Boolean> insertedTogether = new TransactionReads<>();

    TriageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.recommendedOutcomes = new InsertsAtCommit(jdbc, INSERT_OUTCOME);
        this.tasks = new InsertsAtCommit(jdbc, INSERT_TASK);
    }

    /**
     * Inserts the referrals of a poll's records in one statement; {@link #insertIfAbsent} then answers each record
     * from it. Of two records carrying one referral, the first inserts it.
     */
    void insertAllIfAbsent(List<ConsumerRecord<String, ReferralReceived>> poll) {
        Set<UUID> inserted = new HashSet<>(referrals.query(jdbc, poll.stream()
                .map(record -> referralRow(record.value(), record.partition(), record.offset())).toList(), UUID.class));
        Map<Position, Boolean> first = new HashMap<>();
        for (ConsumerRecord<String, ReferralReceived> record : poll) {
            first.put(new Position(record.partition(), record.offset()),
                    inserted.remove(record.value().getReferralId()));
        }
        insertedTogether.hold(first.keySet(), first);
    }

    /** Inserts the referral as first received from this record; false if it was there already. */
    boolean insertIfAbsent(ReferralReceived received, int partition, long offset) {
        Position position = new Position(partition, offset);
        if (insertedTogether.holds(position)) {
            return insertedTogether.value(position);
        }
        return !referrals.query(jdbc, List.<Object[]>of(referralRow(received, partition, offset)), UUID.class)
                .isEmpty();
    }

    private static Object[] referralRow(ReferralReceived received, int partition, long offset) {
        return new Object[] {received.getReferralId(), received.getChildKey(),
            received.getReferral().getLocalAuthority(), Timestamp.from(received.getReceivedAt()), partition, offset};
    }

    /** The Kafka position that first carried the referral. */
    Optional<long[]> source(UUID referralId) {
        return jdbc.query("select source_partition, source_offset from referral where referral_id = ?",
                (rs, n) -> new long[] { rs.getInt(1), rs.getLong(2) }, referralId).stream().findFirst();
    }

    /**
     * Saves the rules' recommendation (outcome version 1) and its tasks. They are written with the rest of the poll's
     * recommendations when the transaction commits: nothing reads them back before, and the referral row inserted
     * first means no other version 1 can exist.
     */
    void saveRecommendation(TriageOutcomeIssued outcome, List<TriageTaskCreated> tasksForWorkers) {
        recommendedOutcomes.add(outcomeRow(outcome, false));
        for (TriageTaskCreated task : tasksForWorkers) {
            tasks.add(taskRow(task));
        }
    }

    /** Saves a task at once, for a written follow-up's own row to refer to. */
    void saveTask(TriageTaskCreated task) {
        jdbc.update(INSERT_TASK, taskRow(task));
    }

    /** Saves an outcome; one still to be published waits for {@link PendingOutcomeRelay}. */
    void saveOutcome(TriageOutcomeIssued outcome, boolean pendingPublication) {
        jdbc.update(INSERT_OUTCOME, outcomeRow(outcome, pendingPublication));
    }

    /** Earlier versions of the referral's outcome are superseded by a later one (the events stay as issued). */
    void supersedeBefore(UUID referralId, int outcomeVersion) {
        jdbc.update("update outcome set status = 'SUPERSEDED' where referral_id = ? and outcome_version < ?",
                referralId, outcomeVersion);
    }

    /**
     * The referral's latest outcome version. A version 1 waiting for the poll's commit is written first: the written
     * follow-up of a telephone referral can be in the same poll as the call.
     */
    Optional<TriageOutcomeIssued> latestOutcome(UUID referralId) {
        recommendedOutcomes.writeWaitingFor(referralId);
        return jdbc.query("select event from outcome where referral_id = ? order by outcome_version desc limit 1",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class), referralId)
                .stream().findFirst();
    }

    /**
     * The latest outcome of each other referral about the child this referral was matched to, newest first: what a
     * MASH worker reads to see the concerns collated about the child, and what was decided on each.
     */
    List<TriageOutcomeIssued> otherReferralsAboutTheChild(UUID referralId, int limit) {
        return jdbc.query("select o.event from child_referral mine "
                + "join child_referral other on other.child_id = mine.child_id and other.referral_id <> mine.referral_id "
                + "join lateral (select event from outcome where outcome.referral_id = other.referral_id "
                + "order by outcome_version desc limit 1) o on true "
                + "where mine.referral_id = ? order by other.received_at desc limit ?",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class), referralId, limit);
    }

    List<TriageOutcomeIssued> pendingOutcomes() {
        return jdbc.query("select event from outcome where pending_publication order by issued_at",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class));
    }

    void published(TriageOutcomeIssued outcome) {
        jdbc.update("update outcome set pending_publication = false where referral_id = ? and outcome_version = ?",
                outcome.getReferralId(), outcome.getOutcomeVersion());
    }

    List<TriageTaskCreated> openTasks() {
        return jdbc.query("select event from task where state = 'OPEN' order by deadline",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class));
    }

    Optional<TriageTaskCreated> task(UUID taskId) {
        return jdbc.query("select event from task where task_id = ?",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class), taskId).stream().findFirst();
    }

    Optional<TriageTaskCreated> openTask(UUID taskId) {
        return jdbc.query("select event from task where task_id = ? and state = 'OPEN'",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class), taskId).stream().findFirst();
    }

    /** Records that the worker opened the task; answers who opened it before, if anyone did. */
    Optional<TaskInHand> opened(UUID taskId, String worker, Instant at) {
        Optional<TaskInHand> before = jdbc.query("select opened_by, opened_at from task where task_id = ? "
                + "and opened_by is not null for update", (rs, n) -> new TaskInHand(rs.getString(1),
                        rs.getTimestamp(2).toInstant()), taskId).stream().findFirst();
        jdbc.update("update task set opened_by = ?, opened_at = ? where task_id = ?", worker, Timestamp.from(at),
                taskId);
        return before;
    }

    /** Who last opened each open task opened since then. */
    Map<UUID, TaskInHand> openTasksOpenedSince(Instant since) {
        Map<UUID, TaskInHand> opened = new HashMap<>();
        jdbc.query("select task_id, opened_by, opened_at from task where state = 'OPEN' and opened_at > ?",
                rs -> {
                    opened.put(rs.getObject(1, UUID.class), new TaskInHand(rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                }, Timestamp.from(since));
        return opened;
    }

    /** Closes an open task with the worker's decision; false when it was already decided. */
    boolean decide(UUID taskId, String worker, Instant at, String reason) {
        return jdbc.update("update task set state = 'DECIDED', decided_by = ?, decided_at = ?, decision_reason = ? "
                + "where task_id = ? and state = 'OPEN'", worker, Timestamp.from(at), reason, taskId) == 1;
    }

    /** Open tasks of the referral, other than the one being decided, are closed by the same decision. */
    void closeOtherTasks(UUID referralId, UUID decidedTask, String worker, Instant at) {
        jdbc.update("update task set state = 'DECIDED', decided_by = ?, decided_at = ?, decision_reason = ? "
                + "where referral_id = ? and task_id <> ? and state = 'OPEN'", worker, Timestamp.from(at),
                "closed by the decision on task " + decidedTask, referralId, decidedTask);
    }

    /**
     * Locks the referral's row until the transaction ends, before its latest outcome version is read to issue the
     * next: a MASH worker's decision and a later account triaged on another instance would otherwise both read the
     * same latest version, and the second to commit fail on the outcome's key.
     */
    void lockReferral(UUID referralId) {
        jdbc.queryForList("select 1 from referral where referral_id = ? for update", referralId);
    }

    /**
     * What the record that first carried the referral caused, to send again on its redelivery: outcome version 1 and
     * the tasks raised with it, not a later account's, which its own record sends again.
     */
    TriageEvents firstTriage(UUID referralId) {
        return new TriageEvents(jdbc.query("select event from outcome where referral_id = ? and outcome_version = 1",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class), referralId),
                jdbc.query("select event from task where referral_id = ? "
                        + "and not exists (select 1 from written_follow_up w where w.task_id = task.task_id) "
                        + "and not exists (select 1 from late_call l where l.task_id = task.task_id) order by deadline",
                        (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class), referralId));
    }

    /** Whether the referral was first triaged from its written follow-up, its call not having reached triage then. */
    boolean writtenFollowUpTriagedFirst(UUID referralId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from written_follow_up w "
                + "join referral r on r.referral_id = w.referral_id where w.referral_id = ? "
                + "and w.source_partition = r.source_partition and w.source_offset = r.source_offset)",
                Boolean.class, referralId));
    }

    /**
     * Keeps the later account as this record carries it; false when one was kept already, from this record (a
     * redelivery) or another (a duplicate).
     */
    boolean keep(LaterAccount account, ReferralReceived received, int partition, long offset) {
        return switch (account) {
            case WRITTEN_FOLLOW_UP -> jdbc.update("insert into written_follow_up (referral_id, received_at, "
                    + "submission, source_partition, source_offset) values (?, ?, ?, ?, ?) on conflict do nothing",
                    received.getReferralId(), Timestamp.from(received.getWrittenFollowUpReceivedAt()),
                    StoredEvents.encode(received.getReferral()), partition, offset) == 1;
            case LATE_CALL -> jdbc.update("insert into late_call (referral_id, submission, source_partition, "
                    + "source_offset) values (?, ?, ?, ?) on conflict do nothing", received.getReferralId(),
                    StoredEvents.encode(received.getReferral()), partition, offset) == 1;
        };
    }

    /** What the later account caused, to send again on a redelivery of its record. */
    void caused(LaterAccount account, UUID referralId, Optional<TriageOutcomeIssued> outcome, TriageTaskCreated task) {
        jdbc.update("update " + table(account) + " set outcome_version = ?, task_id = ? where referral_id = ?",
                outcome.map(TriageOutcomeIssued::getOutcomeVersion).orElse(null), task.getTaskId(), referralId);
    }

    /**
     * What the referral's later account caused when this record carried it; empty when another record carried it,
     * so that this one is a duplicate.
     */
    Optional<TriageEvents> causedBy(LaterAccount account, UUID referralId, int partition, long offset) {
        return jdbc.query("select o.event, t.event from " + table(account) + " a "
                + "left join outcome o on o.referral_id = a.referral_id and o.outcome_version = a.outcome_version "
                + "left join task t on t.task_id = a.task_id "
                + "where a.referral_id = ? and a.source_partition = ? and a.source_offset = ?",
                (rs, n) -> new TriageEvents(
                        Optional.ofNullable(rs.getBytes(1))
                                .map(event -> StoredEvents.decode(event, TriageOutcomeIssued.class)).stream().toList(),
                        Optional.ofNullable(rs.getBytes(2))
                                .map(event -> StoredEvents.decode(event, TriageTaskCreated.class)).stream().toList()),
                referralId, partition, offset).stream().findFirst();
    }

    private static String table(LaterAccount account) {
        return switch (account) {
            case WRITTEN_FOLLOW_UP -> "written_follow_up";
            case LATE_CALL -> "late_call";
        };
    }

    /**
     * The referral as first received, which outcome version 1 carries, its written follow-up, if any, and the call
     * as recorded when it reached triage after the written follow-up.
     */
    ReferralAsKnown referralAsKnown(UUID referralId) {
        return jdbc.query("select o.event, w.received_at, w.submission, "
                + "w.source_partition = r.source_partition and w.source_offset = r.source_offset, l.submission "
                + "from outcome o join referral r on r.referral_id = o.referral_id "
                + "left join written_follow_up w on w.referral_id = o.referral_id "
                + "left join late_call l on l.referral_id = o.referral_id "
                + "where o.referral_id = ? and o.outcome_version = 1",
                (rs, n) -> new ReferralAsKnown(
                        StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class).getReferral(),
                        rs.getBytes(3) == null ? Optional.empty()
                                : Optional.of(new WrittenFollowUp(rs.getTimestamp(2).toInstant(),
                                        StoredEvents.decode(rs.getBytes(3), ReferralSubmitted.class),
                                        rs.getBoolean(4))),
                        Optional.ofNullable(rs.getBytes(5))
                                .map(call -> StoredEvents.decode(call, ReferralSubmitted.class))),
                referralId).stream().findFirst().orElseThrow();
    }

    /** What the task page would show now of each of these referrals, by referral. */
    Map<UUID, ReferralAsShown> referralsAsShown(Collection<UUID> referralIds) {
        Map<UUID, ReferralAsShown> shown = new HashMap<>();
        jdbc.query(connection -> AnyOfIds.statement(connection, "select r.referral_id, (select max(outcome_version) "
                + "from outcome o where o.referral_id = r.referral_id), w.referral_id is not null, "
                + "l.referral_id is not null from referral r "
                + "left join written_follow_up w on w.referral_id = r.referral_id "
                + "left join late_call l on l.referral_id = r.referral_id where r.referral_id = any(?)", referralIds),
                (RowCallbackHandler) rs -> shown.put(rs.getObject(1, UUID.class),
                        new ReferralAsShown(rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4))));
        return shown;
    }

    private static Object[] taskRow(TriageTaskCreated task) {
        return new Object[] { task.getTaskId(), task.getReferralId(), task.getKind().name(), task.getPriority().name(),
                Timestamp.from(task.getDeadline()), StoredEvents.encode(task) };
    }

    private static Object[] outcomeRow(TriageOutcomeIssued outcome, boolean pendingPublication) {
        return new Object[] { outcome.getReferralId(), outcome.getOutcomeVersion(), outcome.getOutcome().name(),
                outcome.getStatus().name(), Timestamp.from(outcome.getIssuedAt()), StoredEvents.encode(outcome),
                pendingPublication };
    }

    /** A record's place in the received referrals topic. */
    private record Position(int partition, long offset) {
    }
}
