package uk.mash.harness.pipeline;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The email and webhook messages the notifier's dispatcher sends to referrers whose agencies are told that way. A
 * referral is finished for the harness when its notification is recorded and published; the message that tells an
 * emailed or webhook referrer is delivered after that, by the dispatcher, so the harness reports how far behind the
 * deliveries are. Counted in the notifier's {@code delivery} table: only counts are read, never a message or where
 * it goes.
 */
public final class ReferrerMessages {

    private final JdbcTemplate database;

    public ReferrerMessages(JdbcTemplate database) {
        this.database = database;
    }

    /**
     * @param recorded messages recorded to send in the window
     * @param delivered messages delivered in the window, whenever they were recorded
     * @param waiting messages still to send at the look (not delivered, refused or superseded)
     */
    public record Window(long recorded, long delivered, long waiting) {
    }

    public Window between(Instant from, Instant to) {
        return database.queryForObject("select count(*) filter (where created_at between ? and ?), "
                + "count(*) filter (where delivered_at between ? and ?), "
                + "count(*) filter (where delivered_at is null and undeliverable_at is null and superseded_at is null) "
                + "from notify.delivery",
                (rs, n) -> new Window(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to));
    }
}
