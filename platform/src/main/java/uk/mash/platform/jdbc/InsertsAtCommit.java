package uk.mash.platform.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one insert statement that nothing reads back before the transaction commits (audit entries, outbox
 * events). Inside a transaction they wait for its commit and are written together just before it, in one batch (one
 * multi-row insert with {@code reWriteBatchedInserts}): a poll of a few hundred referrals costs one round trip to
 * PostgreSQL instead of one per row, and the rows still commit or roll back with the change they belong to.
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
     * The rows waiting for this transaction's commit, bound to the transaction like its connection: a transaction
     * suspended for another takes its rows with it and gets them back when it resumes.
     */
    private List<Object[]> rowsOfThisTransaction() {
        @SuppressWarnings("unchecked")
        List<Object[]> bound = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        List<Object[]> rows = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, rows);
        TransactionSynchronizationManager.registerSynchronization(new RowsAtCommit(rows));
        return rows;
    }

    private final class RowsAtCommit implements TransactionSynchronization {

        private final List<Object[]> rows;

        private RowsAtCommit(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(InsertsAtCommit.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(InsertsAtCommit.this, rows);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.batchUpdate(insert, rows);
        }

        @Override
        public void afterCommit() {
            afterCommit.run();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(InsertsAtCommit.this);
        }
    }
}
