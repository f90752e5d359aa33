package uk.mash.notify.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.jdbc.StorableText;

/**
 * The dead letters operators have dismissed: records that need nothing more and are neither counted as waiting nor
 * republished, kept in the notifier's database with who dismissed each, when and why. Dismissing and republishing a
 * topic take the same lock ({@link #lockedOn}), so that on any notifier instance a record is either dismissed or
 * republished, never both.
 */
@Component
public class DeadLetterDismissals {

    /**
     * The first key of the advisory locks on dead-letter topics, so that they cannot collide with any other advisory
     * lock the database is used for.
     */
    private static final int DEAD_LETTER_TOPIC_LOCKS = 0x444c5444;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    DeadLetterDismissals(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.audit = audit;
        this.clock = clock;
    }

    /** A dismissal: who, when and why. */
    public record Dismissed(String by, Instant at, String reason) {
    }

    /**
     * Runs {@code work} in a database transaction holding the topic's lock, which other notifier instances wait for
     * while it lasts.
     */
    <T> T lockedOn(String deadLetterTopic, Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.query("select pg_advisory_xact_lock(?, hashtext(?))", row -> { }, DEAD_LETTER_TOPIC_LOCKS,
                    deadLetterTopic);
            return work.get();
        });
    }

    /** Every dismissed dead letter on these topics. */
    Set<DeadLetterPosition> on(Collection<String> deadLetterTopics) {
        if (deadLetterTopics.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query("select dead_letter_topic, dead_letter_partition, dead_letter_offset "
                        + "from dead_letter_dismissal where dead_letter_topic = any (?::text[])",
                (rs, n) -> new DeadLetterPosition(rs.getString(1), rs.getInt(2), rs.getLong(3)),
                (Object) deadLetterTopics.toArray(String[]::new)));
    }

    Optional<Dismissed> of(DeadLetterPosition position) {
        List<Dismissed> found = jdbc.query("select dismissed_by, dismissed_at, reason from dead_letter_dismissal "
                        + "where dead_letter_topic = ? and dead_letter_partition = ? and dead_letter_offset = ?",
                (rs, n) -> new Dismissed(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                position.topic(), position.partition(), position.offset());
        return found.stream().findFirst();
    }

    /**
     * Records the dismissal and audits it ({@code DEAD_LETTER_DISMISSED}) under the operator's name with their reason,
     * in one transaction: the record's position only, nothing of what it holds.
     */
    void add(DeadLetterPosition position, String operator, String reason) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into dead_letter_dismissal (dead_letter_topic, dead_letter_partition, "
                    + "dead_letter_offset, dismissed_by, dismissed_at, reason) values (?, ?, ?, ?, ?, ?)",
                    position.topic(), position.partition(), position.offset(), operator,
                    Timestamp.from(clock.instant()), StorableText.of(reason));
            audit.recordAs(operator, "DEAD_LETTER_DISMISSED", null, position + "; " + reason);
        });
    }
}
