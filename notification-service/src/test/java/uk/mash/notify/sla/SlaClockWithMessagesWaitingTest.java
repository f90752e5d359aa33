package uk.mash.notify.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.sla.SlaClock.IssuedOutcome;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * A clock stops only when none of its referral's messages is still waiting to be delivered. With thousands waiting
 * (an email provider down, or the dispatcher behind a burst) and the table's statistics not yet gathered (a new
 * table filling faster than autovacuum looks, as on a first morning), that check must still read only the poll's own
 * referrals' messages: reading every waiting message for each referral made the notifier's clock statement the
 * costliest in the whole pipeline.
 */
class SlaClockWithMessagesWaitingTest {

    private static final int MESSAGES_WAITING = 3_000;
    private static final int POLL = 50;
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static SlaClock clock;

    @BeforeAll
    static void leaveMessagesWaiting() {
        jdbc = database.jdbc();
        clock = NotifyFixtures.slaClock(jdbc);
        jdbc.execute("alter table delivery set (autovacuum_enabled = false)");
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "created_at, next_attempt_at) select 'waiting-' || n, gen_random_uuid(), 'SCHOOL-0001', 'EMAIL', "
                + "'safeguarding-lead@school.example', '{}', now(), now() from generate_series(1, ?) n",
                MESSAGES_WAITING);
    }

    @Test
    void stoppingAPollsClocksReadsOnlyThoseReferralsMessages() {
        List<UUID> referrals = startedClocks();

        long read = database.transaction().execute(status -> {
            clock.outcomesIssued(referrals.stream()
                    .map(referral -> new IssuedOutcome(referral, NOW.minusSeconds(60), NOW, NOW, 1, false)).toList());
            return database.indexEntriesReadInThisTransaction("delivery");
        });

        assertThat(read).as("index entries of waiting messages read to stop %d clocks", POLL).isLessThan(POLL);
        assertThat(stoppedClocks(referrals)).isEqualTo(POLL);
    }

    @Test
    void stoppingOneClockAfterADeliveryReadsOnlyThatReferralsMessages() {
        List<UUID> referrals = startedClocks();

        long read = database.transaction().execute(status -> {
            referrals.forEach(referral -> clock.stopIfTold(referral, NOW));
            return database.indexEntriesReadInThisTransaction("delivery");
        });

        assertThat(read).as("index entries of waiting messages read to stop %d clocks", POLL).isLessThan(POLL);
        assertThat(stoppedClocks(referrals)).isEqualTo(POLL);
    }

    private static List<UUID> startedClocks() {
        List<UUID> referrals = IntStream.range(0, POLL).mapToObj(n -> UUID.randomUUID()).toList();
        database.transaction().executeWithoutResult(status -> referrals.forEach(referral -> clock.started(referral,
                NOW.minusSeconds(60))));
        return referrals;
    }

    private static int stoppedClocks(List<UUID> referrals) {
        return jdbc.queryForObject("select count(*) from sla_clock where referral_id = any(?) and notified_at is not "
                + "null", Integer.class, (Object) referrals.toArray(UUID[]::new));
    }
}
