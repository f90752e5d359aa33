package uk.mash.harness.report;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL wrote to its write-ahead log, from its own counters ({@code pg_stat_wal}): every row, index entry
 * and commit the services make passes through it, so the log written per referral measures their database work
 * without the noise of a 2-core machine's timings.
 */
public final class DatabaseWal {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DatabaseWal(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The log written since the server started. */
    public Written soFar() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet wal = statement.executeQuery("select wal_records, wal_fpi, wal_bytes from pg_stat_wal")) {
            wal.next();
            return new Written(wal.getLong(1), wal.getLong(2), wal.getBigDecimal(3).longValueExact());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not read PostgreSQL's write-ahead log counters", e);
        }
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
