package uk.mash.platform.jdbc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rows read for a whole poll at once (one {@code = any(?)} statement instead of one per record), held for the rest of
 * the poll's transaction: each record then finds what it would have read on its own, until the transaction changes
 * that key ({@link #forget}), after which the key is read from the database again. Bound to the transaction like its
 * connection, and gone when it ends.
 *
 * @param <K> the key read by, such as a referral id
 * @param <V> what a key's rows were read as
 */
public final class TransactionReads<K, V> {

    private final TransactionHeld<Held<K, V>> bound = new TransactionHeld<>();

    /**
     * Holds, for the current transaction, what was read for these keys: a key with no value had no rows. Outside a
     * transaction nothing is held.
     */
    public void hold(Set<K> keys, Map<K, V> values) {
        bound.hold(new Held<>(new HashSet<>(keys), new HashMap<>(values)));
    }

    /** Whether the transaction holds what was read for the key, so that {@link #value} answers for it. */
    public boolean holds(K key) {
        Held<K, V> held = held();
        return held != null && held.keys().contains(key);
    }

    /** What was read for a key the transaction {@link #holds}; null when it had no rows. */
    public V value(K key) {
        Held<K, V> held = held();
        return held == null ? null : held.values().get(key);
    }

    /** The transaction is changing the key's rows: from now on they are read from the database. */
    public void forget(K key) {
        Held<K, V> held = held();
        if (held != null) {
            held.keys().remove(key);
        }
    }

    private Held<K, V> held() {
        return bound.value();
    }

    private record Held<K, V>(Set<K> keys, Map<K, V> values) {
    }
}
