package uk.mash.triage.decisions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.jdbc.ArrayRows;
import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.serde.StoredEvents;

/** Triage's own tables: referrals as first received, each outcome version as issued, and tasks for MASH workers. */
@Repository
class TriageStore {

    private static final String INSERT_OUTCOME = "insert into outcome (referral_id, outcome_version, outcome, status, "
            + "issued_at, event, pending_publication) values (?, ?, ?, ?, ?, ?, ?)";

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
        this.tasks = new InsertsAtCommit(jdbc, "insert into task (task_id, referral_id, kind, priority, deadline, "
                + "state, event) values (?, ?, ?, ?, ?, 'OPEN', ?)");
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
            tasks.add(task.getTaskId(), task.getReferralId(), task.getKind().name(), task.getPriority().name(),
                    Timestamp.from(task.getDeadline()), StoredEvents.encode(task));
        }
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

    Optional<TriageOutcomeIssued> latestOutcome(UUID referralId) {
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

    List<TriageOutcomeIssued> outcomes(UUID referralId) {
        return jdbc.query("select event from outcome where referral_id = ? order by outcome_version",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class), referralId);
    }

    List<TriageTaskCreated> tasks(UUID referralId) {
        return jdbc.query("select event from task where referral_id = ? order by deadline",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class), referralId);
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
