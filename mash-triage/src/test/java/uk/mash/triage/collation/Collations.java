package uk.mash.triage.collation;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.triage.TriageSettings;

/** Collation as triage wires it, over a test's database, for tests of the capabilities that use it. */
public final class Collations {

    private Collations() {
    }

    public static ChildCollation over(JdbcTemplate jdbc, TriageSettings settings) {
        return new ChildCollation(new ChildIdentifiers(settings), new ChildRecords(jdbc), settings);
    }
}
