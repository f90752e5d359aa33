package uk.mash.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.mash.harness.report.DatabaseStatements.Counted;
import uk.mash.harness.report.DatabaseStatements.Reading;
import uk.mash.harness.report.DatabaseStatements.Summary;

class DatabaseStatementsTest {

    private static final String TWO_ROWS = "insert into outcome (referral_id, status) values ($1, $2),($3, $4)";
    private static final String THREE_ROWS = "insert into outcome (referral_id, status)\n  values ($1, $2), ($3, $4), "
            + "($5, $6)";
    private static final String LOOKUP = "select event from outcome where referral_id = any($1)";
    private static final String UNUSED = "select 1 from outcome where status = $1";

    @Test
    void aPollsInsertReadsTheSameWhateverItsRowsAndItsValues() {
        assertThat(DatabaseStatements.shape(TWO_ROWS)).isEqualTo(DatabaseStatements.shape(THREE_ROWS))
                .isEqualTo("insert into outcome (referral_id, status) values (...)");
        assertThat(DatabaseStatements.shape(LOOKUP)).isEqualTo("select event from outcome where referral_id = any($)");
        assertThat(DatabaseStatements.shape("select " + "a, ".repeat(100) + "b from outcome"))
                .hasSize(113).endsWith("...");
    }

    @Test
    void aDrainListsWhatEachStatementDidSinceTheEarlierReadingPerReferralTheLongestFirst() {
        Reading before = reading(Map.of(TWO_ROWS, new Counted(10, 50.0, 1000, 3000), UNUSED,
                new Counted(4, 1.0, 4, 0)));
        Reading after = reading(Map.of(TWO_ROWS, new Counted(30, 250.0, 3000, 9000), LOOKUP,
                new Counted(100, 400.0, 2000, 0), UNUSED, new Counted(4, 1.0, 4, 0)));

        Summary drain = after.since(before, 2000);

        assertThat(drain.longest()).extracting(DatabaseStatements.Statement::text)
                .containsExactly(DatabaseStatements.shape(LOOKUP), DatabaseStatements.shape(TWO_ROWS));
        DatabaseStatements.Statement insert = drain.longest().get(1);
        assertThat(insert.microsecondsPerReferral()).isCloseTo(100.0, within(1e-9));
        assertThat(insert.calls()).isEqualTo(20);
        assertThat(insert.rowsPerReferral()).isCloseTo(1.0, within(1e-9));
        assertThat(insert.walRecordsPerReferral()).isCloseTo(3.0, within(1e-9));
        assertThat(drain.microsecondsPerReferral()).isCloseTo(300.0, within(1e-9));
        assertThat(drain.calls()).isEqualTo(120);
    }

    @Test
    void aDrainListsAsManyAsAskedForButCountsEveryStatementInItsTotals() {
        Reading after = new Reading(Map.of(TWO_ROWS, new Counted(20, 200.0, 2000, 6000), LOOKUP,
                new Counted(100, 400.0, 2000, 0)), 1);

        Summary drain = after.since(reading(Map.of()), 1000);

        assertThat(drain.longest()).hasSize(1);
        assertThat(drain.microsecondsPerReferral()).isCloseTo(600.0, within(1e-9));
    }

    @Test
    void statementsNotCountedMakeAnEmptySummary() {
        DatabaseStatements off = DatabaseStatements.notCounting();

        Summary drain = off.soFar().since(off.soFar(), 1000);

        assertThat(drain.longest()).isEmpty();
        assertThat(drain.microsecondsPerReferral()).isZero();
    }

    private static Reading reading(Map<String, Counted> byQuery) {
        Map<String, Counted> byShape = new HashMap<>();
        byQuery.forEach((query, counted) -> byShape.merge(DatabaseStatements.shape(query), counted, Counted::plus));
        return new Reading(byShape, 10);
    }
}
