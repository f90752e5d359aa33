package uk.mash.notify.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.sla.SlaClock.IssuedOutcome;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * A poll's clocks are started together and given their outcomes together a moment later, as the notifier's two
 * listeners do under load. The outcomes must be written beside their clocks without touching an index (heap-only
 * updates): with the table's pages filled by the starts, each outcome cost a row on another page and an entry in each
 * index.
 */
class SlaClockOutcomesWrittenInPlaceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-24T09:00:00Z");

    /** A full poll: many pages of clocks, as a backlog drains. */
    private static final int POLL = 500;

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static JdbcTemplate jdbc;
    private static SlaClock clock;

    @BeforeAll
    static void buildSlaClock() {
        jdbc = database.jdbc();
        clock = NotifyFixtures.slaClock(jdbc);
    }

    @Test
    void aPollsOutcomesAreWrittenBesideTheirClocksWithoutTouchingAnIndex() {
        List<UUID> referrals = IntStream.range(0, POLL).mapToObj(i -> TimeOrderedIds.next()).toList();
        database.transaction().executeWithoutResult(
                status -> referrals.forEach(referral -> clock.started(referral, RECEIVED)));

        Map<String, Object> written = database.transaction().execute(status -> {
            clock.outcomesIssued(referrals.stream()
                    .map(referral -> new IssuedOutcome(referral, RECEIVED, RECEIVED.plusSeconds(1), null, 1, false))
                    .toList());
            return jdbc.queryForMap("select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables "
                    + "where relname = 'sla_clock'");
        });

        assertThat(written).containsEntry("n_tup_upd", (long) POLL).containsEntry("n_tup_hot_upd", (long) POLL);
    }
}
