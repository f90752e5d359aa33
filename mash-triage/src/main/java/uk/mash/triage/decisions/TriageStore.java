package uk.mash.triage.decisions;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.serde.StoredEvents;

/** Triage's own tables: referrals as first received, each outcome version as issued, and tasks for MASH workers. */
@Repository
class TriageStore {

    private final JdbcTemplate jdbc;

    TriageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean insertIfAbsent(ReferralReceived received, int partition, long offset) {
        return jdbc.update("insert into referral (referral_id, child_key, local_authority, received_at, "
                + "source_partition, source_offset) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                received.getReferralId(), received.getChildKey(), received.getReferral().getLocalAuthority(),
                Timestamp.from(received.getReceivedAt()), partition, offset) == 1;
    }

    /** The Kafka position that first carried the referral. */
    Optional<long[]> source(UUID referralId) {
        return jdbc.query("select source_partition, source_offset from referral where referral_id = ?",
                (rs, n) -> new long[] { rs.getInt(1), rs.getLong(2) }, referralId).stream().findFirst();
    }

    void saveOutcome(TriageOutcomeIssued outcome) {
        jdbc.update("insert into outcome (referral_id, outcome_version, outcome, status, issued_at, event) "
                + "values (?, ?, ?, ?, ?, ?)", outcome.getReferralId(), outcome.getOutcomeVersion(),
                outcome.getOutcome().name(), outcome.getStatus().name(), Timestamp.from(outcome.getIssuedAt()),
                StoredEvents.encode(outcome));
    }

    void saveTask(TriageTaskCreated task) {
        jdbc.update("insert into task (task_id, referral_id, kind, priority, deadline, state, event) "
                + "values (?, ?, ?, ?, ?, 'OPEN', ?)", task.getTaskId(), task.getReferralId(), task.getKind().name(),
                task.getPriority().name(), Timestamp.from(task.getDeadline()), StoredEvents.encode(task));
    }

    List<TriageOutcomeIssued> outcomes(UUID referralId) {
        return jdbc.query("select event from outcome where referral_id = ? order by outcome_version",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageOutcomeIssued.class), referralId);
    }

    List<TriageTaskCreated> tasks(UUID referralId) {
        return jdbc.query("select event from task where referral_id = ? order by deadline",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), TriageTaskCreated.class), referralId);
    }

}
