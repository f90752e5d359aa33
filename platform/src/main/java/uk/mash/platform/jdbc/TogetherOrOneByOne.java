package uk.mash.platform.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done for a whole poll at once, inside the poll's transaction, that each record would otherwise do on its own.
 * It runs under a savepoint: if it fails, it is undone and left to the records one by one, so that only a record at
 * fault fails (and is dead-lettered) rather than the poll. A transient failure (a deadlock, say) still fails the
 * poll, to be retried whole.
 */
public final class TogetherOrOneByOne {

    private static final Logger log = LoggerFactory.getLogger(TogetherOrOneByOne.class);

    private final TransactionTemplate savepoint;

    public TogetherOrOneByOne(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs the work for a poll of {@code records}; answers false if it was undone, for the records to do alone. */
    public boolean run(String what, int records, Runnable work) {
        try {
            savepoint.executeWithoutResult(status -> work.run());
            return true;
        }
        catch (TransientDataAccessException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // PostgreSQL's message may quote a row's values: the class names the failure without them
            log.warn("Could not {} for a poll of {} records together ({}); each record does it on its own", what,
                    records, e.getClass().getSimpleName());
            return false;
        }
    }
}
