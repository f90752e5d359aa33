package uk.mash.platform.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries from Maven Central) for the local stack and tests. The data directory is kept
 * between runs, so referrals survive a restart unless the caller wipes it. The owner closes it (after the services
 * that use it), so it registers no shutdown hook of its own. Holds one database and one login role
 * for the services, as a production server would.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "referrals";
    public static final String USER = "referrals";
    public static final String PASSWORD = "referrals";
    /** The server's own superuser, trusted from this machine without a password, as zonky's server sets it up. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir the server's data directory, created if new
     * @param port the server port, or 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    // the services commit a referral to PostgreSQL before Kafka is told it was handled, so a commit
                    // must be on disk when it returns: zonky's builder turns synchronous_commit off by default
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // loaded only at start-up, so that a DBA or the benchmark (--statements) can see which statements
                    // the services' time goes on by turning tracking on with a reload, without restarting the
                    // services' database under them; it tracks nothing until then (createDatabaseAndRole)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.createDatabaseAndRole();
            return database;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** A data source on the services' database, as the services' login role. */
    public DataSource dataSource() {
        return postgres.getDatabase(USER, DATABASE);
    }

    /** A data source on the services' database as the server's superuser, for what a DBA would do there. */
    public DataSource superuserDataSource() {
        return postgres.getDatabase(SUPERUSER, DATABASE);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabaseAndRole() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("create database " + DATABASE + " owner " + USER);
            }
            // in the data directory's own settings rather than on the command line, which a reload cannot override
            if (!exists(connection, "select 1 from pg_file_settings where name = ?", "pg_stat_statements.track")) {
                statement.execute("alter system set pg_stat_statements.track = 'none'");
                statement.execute("select pg_reload_conf()");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create the referrals database", e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
