package uk.mash.triage.collation;

import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.triage.TriageSettings;

/** Collation as triage wires it, over a test's database, for tests of the capabilities that use it. */
public final class Collations {

    /** For tests only; triage refuses the secrets it was once shipped with, and so must a test's. */
    public static final String MATCHING_SECRET = "child-matching-secret-for-triage-tests-only";

    private Collations() {
    }

    public static ChildCollation over(JdbcTemplate jdbc, TriageSettings settings) {
        return new ChildCollation(new ChildIdentifiers(settings), new ChildRecords(jdbc), settings);
    }
}
