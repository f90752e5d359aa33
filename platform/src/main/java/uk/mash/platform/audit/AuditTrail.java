package uk.mash.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every decision and every look at a case: who, when, what and why. Each service keeps its own
 * {@code audit_event} table (created by its own migrations); entries are never updated or deleted.
 * <p>
 * Inside a transaction the entries are written together just before it commits, in one batch: a poll of a few
 * hundred referrals then costs one round trip to PostgreSQL instead of one per decision, and an entry still commits
 * or rolls back with the decision it records.
 */
public class AuditTrail {

    /** The actor recorded for decisions the threshold rules or the pipeline take without a person. */
    public static final String SYSTEM = "system";

    private static final String INSERT = "insert into audit_event (occurred_at, actor, action, referral_id, reason) "
            + "values (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an action by the authenticated caller, or by the system when there is none. */
    public void record(String action, UUID referralId, String reason) {
        recordAs(currentActor(), action, referralId, reason);
    }

    public void recordAs(String actor, String action, UUID referralId, String reason) {
        Object[] entry = { Timestamp.from(clock.instant()), actor, action, referralId, reason };
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            entriesOfThisTransaction().add(entry);
        }
        else {
            jdbc.update(INSERT, entry);
        }
    }

    /**
     * The entries waiting for this transaction's commit, bound to the transaction like its connection: a transaction
     * suspended for another takes its entries with it and gets them back when it resumes.
     */
    private List<Object[]> entriesOfThisTransaction() {
        @SuppressWarnings("unchecked")
        List<Object[]> bound = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        List<Object[]> entries = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, entries);
        TransactionSynchronizationManager.registerSynchronization(new EntriesAtCommit(entries));
        return entries;
    }

    private final class EntriesAtCommit implements TransactionSynchronization {

        private final List<Object[]> entries;

        private EntriesAtCommit(List<Object[]> entries) {
            this.entries = entries;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(AuditTrail.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(AuditTrail.this, entries);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.batchUpdate(INSERT, entries);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
        }
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }
}
