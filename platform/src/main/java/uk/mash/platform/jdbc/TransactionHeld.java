package uk.mash.platform.jdbc;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One value held for the current transaction, like its connection: a transaction suspended for another takes it along,
 * and it is gone when the transaction ends. Outside a transaction nothing is held.
 *
 * @param <T> what is held, such as rows read for a whole poll
 */
public final class TransactionHeld<T> {

    /** Holds the value for the current transaction in place of any held before; outside one, does nothing. */
    public void hold(T value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Holder<T> holder = holder();
        if (holder == null) {
            // bound once per transaction: a second binding would be resumed too, over the first, after a suspension
            holder = new Holder<>();
            new TransactionBound(this, holder).bind();
        }
        holder.value = value;
    }

    /** What the current transaction holds; null when it holds nothing or there is no transaction. */
    public T value() {
        Holder<T> holder = holder();
        return holder == null ? null : holder.value;
    }

    @SuppressWarnings("unchecked")
    private Holder<T> holder() {
        return (Holder<T>) TransactionSynchronizationManager.getResource(this);
    }

    private static final class Holder<T> {

        private T value;
    }
}
