package uk.mash.harness.report;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL wrote to its write-ahead log, from its own counters ({@code pg_stat_wal}): every row, index entry
 * and commit the services make passes through it, so the log written per referral measures their database work
 * without the noise of a 2-core machine's timings.
 */
public final class DatabaseWal {

    private final JdbcTemplate database;

    public DatabaseWal(JdbcTemplate database) {
        this.database = database;
    }

    /** The log written since the server started. */
    public Written soFar() {
        return database.queryForObject("select wal_records, wal_fpi, wal_bytes from pg_stat_wal",
                (wal, n) -> new Written(wal.getLong(1), wal.getLong(2), wal.getBigDecimal(3).longValueExact()));
    }

    /**
     * @param records log records
     * @param fullPageImages whole pages logged on their first change after a checkpoint (part of the bytes)
     * @param bytes log bytes
     */
    public record Written(long records, long fullPageImages, long bytes) {

        public Written since(Written earlier) {
            return new Written(records - earlier.records, fullPageImages - earlier.fullPageImages,
                    bytes - earlier.bytes);
        }
    }
}
