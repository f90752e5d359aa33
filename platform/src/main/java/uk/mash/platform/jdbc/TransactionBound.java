package uk.mash.platform.jdbc;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value bound to the current transaction like its connection: a transaction suspended for another takes the value
 * with it and gets it back when it resumes, and the value is unbound when the transaction ends. Subclasses add what
 * else the transaction's end should do.
 */
class TransactionBound implements TransactionSynchronization {

    private final Object key;
    private final Object value;

    TransactionBound(Object key, Object value) {
        this.key = key;
        this.value = value;
    }

    /** Binds the value under its key to the current transaction, whose synchronization must be active. */
    final void bind() {
        TransactionSynchronizationManager.bindResource(key, value);
        TransactionSynchronizationManager.registerSynchronization(this);
    }

    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(key, value);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
}
