package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.NotifyFixtures;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * The dispatcher takes the messages due, oldest first, a batch at a time. After an email outage thousands are due at
 * once, and the table's statistics may say few are waiting (they were gathered before the outage, or not yet): each
 * take must still read about as many messages as it takes, and the messages taken be read by their own entries, not
 * by reading every message due, or draining the backlog costs the square of its size.
 */
class DeliveriesDueTest {

    private static final int MESSAGES_DUE = 3_000;
    private static final int TAKE = 50;
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static Deliveries deliveries;

    @BeforeAll
    static void leaveABacklog() {
        jdbc = database.jdbc();
        deliveries = new Deliveries(jdbc, JsonMapper.builder().build(), NotifyFixtures.settings(Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        jdbc.execute("alter table delivery set (autovacuum_enabled = false)");
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "created_at, next_attempt_at) select 'due-' || n, gen_random_uuid(), 'SCHOOL-0001', 'EMAIL', "
                + "'safeguarding-lead@school.example', '{}', ?::timestamptz - n * interval '1 second', "
                + "?::timestamptz - n * interval '1 second' from generate_series(1, ?) n",
                NOW.toString(), NOW.toString(), MESSAGES_DUE);
    }

    @Test
    void lockingTheOldestMessagesDueReadsAboutAsManyAsItLocks() {
        List<String> oldestFirst = IntStream.rangeClosed(MESSAGES_DUE - TAKE + 1, MESSAGES_DUE)
                .map(n -> MESSAGES_DUE + (MESSAGES_DUE - TAKE + 1) - n).mapToObj(n -> "due-" + n).toList();

        Read<List<String>> locked = database.transaction().execute(status -> new Read<>(deliveries.lockDue(TAKE),
                database.indexEntriesReadInThisTransaction("delivery")));

        assertThat(locked.value()).containsExactlyElementsOf(oldestFirst);
        assertThat(locked.indexEntriesRead()).as("index entries read to lock %d of %d messages due", TAKE,
                MESSAGES_DUE).isLessThanOrEqualTo(2L * TAKE);
    }

    @Test
    void readingTheMessagesLockedReadsTheirOwnEntriesNotEveryMessageWaiting() {
        Read<List<PendingDelivery>> read = database.transaction().execute(status -> {
            List<String> locked = deliveries.lockDue(TAKE);
            long beforeReading = database.indexEntriesReadInThisTransaction("delivery");
            return new Read<>(deliveries.referralFree(locked),
                    database.indexEntriesReadInThisTransaction("delivery") - beforeReading);
        });

        assertThat(read.value()).hasSize(TAKE);
        assertThat(read.indexEntriesRead()).as("index entries read for %d of %d messages due", TAKE, MESSAGES_DUE)
                .isLessThanOrEqualTo(TAKE + 2L);
    }

    @Test
    void aMessageDeliveredOrGivenUpIsNotLockedForDelivery() {
        database.transaction().executeWithoutResult(status -> {
            jdbc.update("update delivery set delivered_at = ? where notification_id = 'due-3000'",
                    Timestamp.from(NOW));
            jdbc.update("update delivery set undeliverable_at = ? where notification_id = 'due-2999'",
                    Timestamp.from(NOW));

            assertThat(deliveries.lockDue(TAKE)).startsWith("due-2998").doesNotContain("due-3000", "due-2999");
            status.setRollbackOnly();
        });
    }

    private record Read<T>(T value, long indexEntriesRead) {
    }
}
