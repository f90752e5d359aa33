package uk.mash.router.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * An outcome routed on its own (a poll routed one record at a time after its statements failed, or a referral whose
 * case already changed in the same poll) asks alone whether its referral opened a child's case that is still open.
 * With thousands of cases open and the table's statistics not yet gathered (a new table filling faster than
 * autovacuum looks), that question must still read only the referral's own case, not every open case.
 */
class CaseRegistryWithManyOpenCasesTest {

    private static final int OPEN_CASES = 3_000;
    private static final int REFERRALS = 50;

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("router");
    private static JdbcTemplate jdbc;
    private static CaseRegistry registry;

    @BeforeAll
    static void openManyCases() {
        jdbc = database.jdbc();
        Clock clock = Clock.systemUTC();
        registry = new CaseRegistry(jdbc, new AuditTrail(jdbc, clock), clock);
        jdbc.execute("alter table csc_case set (autovacuum_enabled = false)");
        jdbc.update("insert into csc_case (case_id, local_authority, child_key, status, opened_at, "
                + "opened_by_referral_id, allocated_team, updated_at, event) select gen_random_uuid(), 'PETERBOROUGH', "
                + "'child-' || n, 'OPEN', now(), gen_random_uuid(), 'csc-north', now(), '\\x00' "
                + "from generate_series(1, ?) n", OPEN_CASES);
    }

    @Test
    void aReferralsCaseIsLookedUpWithoutReadingEveryOpenCase() {
        List<TriageOutcomeIssued> outcomes = IntStream.range(0, REFERRALS)
                .mapToObj(n -> anOutcome(OutcomeType.EARLY_HELP).build()).toList();

        long read = database.transaction().execute(status -> {
            outcomes.forEach(outcome -> assertThat(
                    registry.afterRouting(outcome, Optional.empty(), anyReferral -> Optional.empty())).isEmpty());
            return database.indexEntriesReadInThisTransaction("csc_case");
        });

        assertThat(read).as("index entries of open cases read for %d referrals", REFERRALS).isLessThan(REFERRALS);
    }
}
