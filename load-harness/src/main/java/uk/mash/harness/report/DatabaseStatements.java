package uk.mash.harness.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of the services' statements PostgreSQL's time goes on, from {@code pg_stat_statements}: calls, rows, time and
 * write-ahead log records are counted by the server itself, so a statement's share of a referral's database work can
 * be read from one run, as its CPU cannot on a noisy machine. Only the services' own top-level statements are counted
 * (those of their login role; the harness reads the server as its superuser), and a foreign key's check is part of the
 * insert that made it. The text PostgreSQL keeps has every value replaced by a placeholder, so no child's details.
 * Turned on by a reload ({@code EmbeddedDatabase} loads the module, tracking nothing) once the stack is up.
 */
public final class DatabaseStatements {

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d+");
    private static final Pattern ROWS_OF_PLACEHOLDERS = Pattern.compile(
            "values \\(\\$(, \\$)*\\)(, ?\\(\\$(, \\$)*\\))*");
    private static final int SHOWN_CHARACTERS = 110;
    private static final Counted NONE = new Counted(0, 0, 0, 0);

    private final JdbcTemplate superuser;
    private final String servicesRole;
    private final int shown;

    private DatabaseStatements(JdbcTemplate superuser, String servicesRole, int shown) {
        this.superuser = superuser;
        this.servicesRole = servicesRole;
        this.shown = shown;
    }

    /**
     * Turns tracking of top-level statements on, for the whole server, from the services' next statement.
     *
     * @param shown how many statements a drain's summary lists, the longest first
     */
    public static DatabaseStatements tracking(JdbcTemplate superuser, String servicesRole, int shown) {
        superuser.execute("create extension if not exists pg_stat_statements");
        superuser.execute("alter system set pg_stat_statements.track = 'top'");
        superuser.execute("select pg_reload_conf()");
        return new DatabaseStatements(superuser, servicesRole, shown);
    }

    /** Counts nothing: every reading is empty, and so is every summary. */
    public static DatabaseStatements notCounting() {
        return new DatabaseStatements(null, null, 0);
    }

    /** The counters now: only the difference between two readings means anything. */
    public Reading soFar() {
        Map<String, Counted> byStatement = new HashMap<>();
        if (superuser == null) {
            return new Reading(byStatement, shown);
        }
        superuser.query("select s.query, s.calls, s.total_exec_time, s.rows, s.wal_records from pg_stat_statements s "
                + "join pg_roles r on r.oid = s.userid where r.rolname = ? and s.toplevel", row -> {
                    Counted counted = new Counted(row.getLong("calls"), row.getDouble("total_exec_time"),
                            row.getLong("rows"), row.getLong("wal_records"));
                    byStatement.merge(shape(row.getString("query")), counted, Counted::plus);
                }, servicesRole);
        return new Reading(byStatement, shown);
    }

    /**
     * A statement as it reads whatever its values, shortened: a poll's multi-row insert has as many rows of
     * placeholders as the poll had rows, and PostgreSQL counts each length as a statement of its own, keeping only
     * the start of a long one's text. The same statement in several services' schemas (the audit trail's insert)
     * reads the same, and is counted as one.
     */
    static String shape(String query) {
        String placeholders = PLACEHOLDER.matcher(SPACE.matcher(query.strip()).replaceAll(" ")).replaceAll("\\$");
        String shape = ROWS_OF_PLACEHOLDERS.matcher(placeholders).replaceAll("values (...)");
        return shape.length() > SHOWN_CHARACTERS ? shape.substring(0, SHOWN_CHARACTERS) + "..." : shape;
    }

    record Counted(long calls, double milliseconds, long rows, long walRecords) {

        Counted plus(Counted other) {
            return new Counted(calls + other.calls, milliseconds + other.milliseconds, rows + other.rows,
                    walRecords + other.walRecords);
        }

        Counted minus(Counted earlier) {
            return new Counted(calls - earlier.calls, milliseconds - earlier.milliseconds, rows - earlier.rows,
                    walRecords - earlier.walRecords);
        }
    }

    /**
     * The counters at one moment, by statement.
     *
     * @param shown how many statements a summary lists, the longest first
     */
    public record Reading(Map<String, Counted> byStatement, int shown) {

        /** What the services' statements did since {@code earlier}, and those that took most of its time. */
        public Summary since(Reading earlier, long referrals) {
            List<Statement> statements = byStatement.entrySet().stream()
                    .map(statement -> Statement.of(statement.getKey(), statement.getValue().minus(
                            earlier.byStatement.getOrDefault(statement.getKey(), NONE)), referrals))
                    .filter(statement -> statement.calls() > 0)
                    .sorted(Comparator.comparingDouble(Statement::microsecondsPerReferral).reversed())
                    .toList();
            return new Summary(statements.stream().limit(shown).toList(),
                    statements.stream().mapToDouble(Statement::microsecondsPerReferral).sum(),
                    statements.stream().mapToLong(Statement::calls).sum());
        }
    }

    /**
     * The services' statements over a drain.
     *
     * @param longest those that took most of the time, the longest first
     * @param microsecondsPerReferral every statement's execution time, per referral
     * @param calls every statement's calls: a poll's rows go in one
     */
    public record Summary(List<Statement> longest, double microsecondsPerReferral, long calls) {

        /** A drain whose statements were not counted. */
        public static Summary notCounted() {
            return new Summary(List.of(), 0, 0);
        }
    }

    /**
     * One statement's work in a drain: its calls, and its rows, time and log records for a referral, on average.
     *
     * @param text its text as PostgreSQL keeps it, values as placeholders ({@link DatabaseStatements#shape})
     * @param microsecondsPerReferral its execution time, which includes waits on locks and the disk
     */
    public record Statement(String text, long calls, double rowsPerReferral, double microsecondsPerReferral,
            double walRecordsPerReferral) {

        static Statement of(String text, Counted counted, long referrals) {
            double per = referrals;
            return new Statement(text, counted.calls(), counted.rows() / per, counted.milliseconds() * 1000 / per,
                    counted.walRecords() / per);
        }
    }
}
