package uk.mash.platform.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one insert statement that nothing reads back before the transaction commits (audit entries, outbox
 * events), or whose reader asks for them first ({@link #writeWaitingFor}). Inside a transaction they wait for its
 * commit and are written together just before it, in one batch (one multi-row insert with
 * {@code reWriteBatchedInserts}): a poll of a few hundred referrals costs one round trip to PostgreSQL instead of one
 * per row, and the rows still commit or roll back with the change they belong to.
 * Outside a transaction a row is written at once.
 */
public final class InsertsAtCommit {

    private final JdbcTemplate jdbc;
    private final String insert;
    private final Runnable afterCommit;

    /**
     * @param insert the insert statement, one {@code ?} per column of a row
     * @param afterCommit run once after a transaction that added rows commits (or at once, outside one)
     */
    public InsertsAtCommit(JdbcTemplate jdbc, String insert, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.insert = insert;
        this.afterCommit = afterCommit;
    }

    public InsertsAtCommit(JdbcTemplate jdbc, String insert) {
        this(jdbc, insert, () -> { });
    }

    public void add(Object... row) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            rowsOfThisTransaction().add(row);
        }
        else {
            jdbc.update(insert, row);
            afterCommit.run();
        }
    }

    /**
     * Writes all of this transaction's waiting rows now if any of them has {@code key} in its first column, so that a
     * read in the same transaction sees them (another record of the same poll about the same referral, say).
     */
    public void writeWaitingFor(Object key) {
        Waiting waiting = waiting();
        if (waiting != null && waiting.holdsKey(key)) {
            jdbc.batchUpdate(insert, waiting.rows());
            waiting.clear();
        }
    }

    /**
     * The rows waiting for this transaction's commit, bound to the transaction like its connection: a transaction
     * suspended for another takes its rows with it and gets them back when it resumes.
     */
    private Waiting rowsOfThisTransaction() {
        Waiting bound = waiting();
        if (bound != null) {
            return bound;
        }
        Waiting rows = new Waiting();
        new RowsAtCommit(rows).bind();
        return rows;
    }

    private Waiting waiting() {
        return (Waiting) TransactionSynchronizationManager.getResource(this);
    }

    /**
     * Rows to insert, and the values of their first column (a referral id, say) to tell whether a read needs them.
     * The values are gathered only once a read asks: the audit trail's rows, which no read waits for, start with a
     * timestamp, and timestamps of one millisecond share a hash code.
     */
    private static final class Waiting {

        private final List<Object[]> rows = new ArrayList<>();
        private Set<Object> keys;

        void add(Object[] row) {
            rows.add(row);
            if (keys != null) {
                keys.add(row[0]);
            }
        }

        boolean holdsKey(Object key) {
            if (keys == null) {
                keys = new HashSet<>();
                rows.forEach(row -> keys.add(row[0]));
            }
            return keys.contains(key);
        }

        List<Object[]> rows() {
            return rows;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void clear() {
            rows.clear();
            if (keys != null) {
                keys.clear();
            }
        }
    }

    private final class RowsAtCommit extends TransactionBound {

        private final Waiting rows;

        private RowsAtCommit(Waiting rows) {
            super(InsertsAtCommit.this, rows);
            this.rows = rows;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(insert, rows.rows());
            }
        }

        @Override
        public void afterCommit() {
            afterCommit.run();
        }
    }
}
