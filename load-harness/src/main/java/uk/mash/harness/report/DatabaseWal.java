package uk.mash.harness.report;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL wrote to its write-ahead log: every row, index entry and commit the services make passes through it,
 * so the log written per referral measures their database work without the noise of a 2-core machine's timings.
 * <p>
 * The bytes are read from the log's insert position, which moves as each record is written. Records and whole pages
 * come from {@code pg_stat_wal}, which PostgreSQL 14's backends report to its statistics collector at most twice a
 * second and only when they go idle: over a drain of several seconds that is a small error at each end, over a drain
 * of a fraction of a second they may not have moved at all.
 */
public final class DatabaseWal {

    private final JdbcTemplate database;

    public DatabaseWal(JdbcTemplate database) {
        this.database = database;
    }

    /** The log's position and counters now: only the difference between two readings means anything. */
    public Written soFar() {
        return database.queryForObject("select wal_records, wal_fpi, "
                + "pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') from pg_stat_wal",
                (wal, n) -> new Written(wal.getLong(1), wal.getLong(2), wal.getBigDecimal(3).longValueExact()));
    }

    /**
     * @param records log records
     * @param fullPageImages whole pages logged on their first change after a checkpoint (part of the bytes)
     * @param bytes log bytes, page headers included
     */
    public record Written(long records, long fullPageImages, long bytes) {

        public Written since(Written earlier) {
            return new Written(records - earlier.records, fullPageImages - earlier.fullPageImages,
                    bytes - earlier.bytes);
        }
    }
}
