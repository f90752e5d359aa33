package uk.mash.platform.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import uk.mash.platform.registry.SchemaRegistryException;

/**
 * Failures that say the database, the schema registry or the broker is not working, not that the record is bad: a
 * deadlock or lock timeout, a lost or refused connection, a database shutting down, out of disk or read-only after a
 * fail-over, a registry that does not answer or answers with a server error. Handled as a record's fault, a failure
 * like this would send every healthy referral of an outage, one after another, to a dead-letter topic; it retries the
 * poll instead, for as long as the outage lasts.
 */
public final class InfrastructureFaults {

    /**
     * SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57 (operator intervention) and 58
     * (system error), and 25006 (read-only SQL transaction, as on a standby after a fail-over).
     */
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "53", "57", "58");
    private static final String READ_ONLY_TRANSACTION = "25006";

    private InfrastructureFaults() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isInfrastructure(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    private static boolean isInfrastructure(Throwable cause) {
        if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException || cause instanceof RetriableException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
            return SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))
                    || READ_ONLY_TRANSACTION.equals(sql.getSQLState());
        }
        // a registry unavailable for now (its quota, a proxy's timeout) would otherwise dead-letter healthy referrals
        return cause instanceof SchemaRegistryException registry && registry.isUnavailable();
    }
}
