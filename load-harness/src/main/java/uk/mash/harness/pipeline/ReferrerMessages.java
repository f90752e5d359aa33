package uk.mash.harness.pipeline;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The email and webhook messages the notifier's dispatcher sends to referrers whose agencies are told that way. A
 * referral is finished for the harness when its notification is recorded and published; the message that tells an
 * emailed or webhook referrer is delivered after that, by the dispatcher, so the harness also reports when the last
 * of a drain's messages was sent, and starts each measured phase once every message is sent. Counted in the
 * notifier's {@code delivery} table: only counts and times are read, never a message or where it goes.
 */
public final class ReferrerMessages {

    private static final Logger log = LoggerFactory.getLogger(ReferrerMessages.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final String WAITING = "delivered_at is null and undeliverable_at is null and superseded_at is null";

    private final JdbcTemplate database;
    private final Duration stall;

    /** @param stall how long without a message sent before waiting for them is given up and the run fails */
    public ReferrerMessages(JdbcTemplate database, Duration stall) {
        this.database = database;
        this.stall = stall;
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
                + "count(*) filter (where delivered_at between ? and ?), count(*) filter (where " + WAITING + ") "
                + "from notify.delivery",
                (rs, n) -> new Window(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to));
    }

    /**
     * When the last of the messages recorded in the window was delivered, refused or superseded, asked once
     * {@link #awaitAllSent all have been}; {@code to} if none was recorded.
     */
    public Instant lastSent(Instant from, Instant to) {
        Timestamp last = database.queryForObject("select max(coalesce(delivered_at, undeliverable_at, superseded_at)) "
                + "from notify.delivery where created_at between ? and ?", Timestamp.class, Timestamp.from(from),
                Timestamp.from(to));
        return last == null ? to : last.toInstant();
    }

    /**
     * Waits until the dispatcher has sent every message waiting, so that a phase starts with nothing left of the one
     * before it; gives up loudly if no message is sent for the stall time.
     */
    public void awaitAllSent(String phase) {
        long waiting = waiting();
        long lastProgress = System.nanoTime();
        long lastLog = lastProgress;
        while (waiting > 0) {
            sleep();
            long now = System.nanoTime();
            long stillWaiting = waiting();
            if (stillWaiting < waiting) {
                lastProgress = now;
            }
            else if (now - lastProgress > stall.toNanos()) {
                throw new DrainWatch.PipelineStalled(phase + ": no email or webhook message to a referrer sent for "
                        + stall.toSeconds() + " s; " + stillWaiting + " waiting");
            }
            if (now - lastLog > LOG_EVERY.toNanos()) {
                log.info("{}: {} email and webhook messages to referrers waiting to be sent", phase, stillWaiting);
                lastLog = now;
            }
            waiting = stillWaiting;
        }
    }

    private long waiting() {
        Long waiting = database.queryForObject("select count(*) from notify.delivery where " + WAITING, Long.class);
        return waiting == null ? 0 : waiting;
    }

    private static void sleep() {
        try {
            Thread.sleep(LOOK_EVERY.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrainWatch.PipelineStalled("interrupted while waiting for messages to referrers to be sent");
        }
    }
}
