package uk.mash.notify.sla;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The order in which a poll's records move SLA clocks. Received referrals and outcomes are consumed by two listeners,
 * each committing its whole poll in one transaction, and both write the same referrals' {@code sla_clock} rows: taken
 * in arrival order, two polls can each hold a row the other waits for. PostgreSQL breaks such a deadlock only after
 * {@code deadlock_timeout} (1 s), and every referral in both polls waits that second. Taken in referral id order the
 * two transactions wait for each other, never in a circle.
 */
public final class SlaClockOrder {

    private SlaClockOrder() {
    }

    /**
     * The records sorted by the referral each is about; records of one referral keep their offset order, and
     * records that did not deserialize come first, to be dead-lettered before any clock moves.
     */
    public static <V> List<ConsumerRecord<String, V>> byReferral(List<ConsumerRecord<String, V>> records,
            Function<V, UUID> referralOf) {
        List<ConsumerRecord<String, V>> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(record -> record.value() == null ? null : referralOf.apply(record.value()),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return sorted;
    }
}
