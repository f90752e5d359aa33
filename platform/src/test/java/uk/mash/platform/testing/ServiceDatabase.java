package uk.mash.platform.testing;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * A fresh embedded PostgreSQL holding one service's schema, migrated by that service's own Flyway scripts, for
 * tests of a service's stores without its Spring context.
 */
public final class ServiceDatabase implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    private ServiceDatabase(EmbeddedDatabase database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** Starts PostgreSQL on a free port in {@code dataDir} and migrates {@code classpath:db/migration/<schema>}. */
    public static ServiceDatabase migrated(Path dataDir, String schema) {
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0);
        String url = database.jdbcUrl() + "?currentSchema=" + schema;
        Flyway.configure().dataSource(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD).schemas(schema)
                .locations("classpath:db/migration/" + schema).load().migrate();
        return new ServiceDatabase(database,
                new DriverManagerDataSource(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Transactions on the schema, as a service's listener holds one for a poll; {@link #jdbc()} takes part in them. */
    public TransactionTemplate transaction() {
        return transaction;
    }

    /**
     * Entries read from the table's indexes so far in the current transaction (call it inside that transaction): how
     * a test tells a lookup of a few rows from a scan of many without timing it.
     */
    public long indexEntriesReadInThisTransaction(String table) {
        Long read = jdbc.queryForObject("select coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) "
                + "from pg_index where indrelid = ?::regclass", Long.class, table);
        return read == null ? 0 : read;
    }

    @Override
    public void close() {
        database.close();
    }
}
