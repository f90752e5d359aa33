package uk.mash.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * A fresh embedded PostgreSQL holding one service's schema, migrated by that service's own Flyway scripts, for
 * tests of a service's stores without its Spring context.
 *
 * <p>Register {@link #forTests(String)} with {@code @RegisterExtension}: on a static field JUnit starts it before the
 * class's {@code @BeforeAll} methods and closes it after its {@code @AfterAll} ones; on an instance field each test
 * gets a fresh one, started before its {@code @BeforeEach} methods. Either way its data directory is temporary.
 */
public final class ServiceDatabase
        implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final String schema;
    private Path temporaryDataDir;
    private boolean forOneTest;
    private EmbeddedDatabase database;
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;

    private ServiceDatabase(String schema) {
        this.schema = schema;
    }

    /** Starts PostgreSQL on a free port in {@code dataDir} and migrates {@code classpath:db/migration/<schema>}. */
    public static ServiceDatabase migrated(Path dataDir, String schema) {
        ServiceDatabase database = new ServiceDatabase(schema);
        database.start(dataDir);
        return database;
    }

    /** One that JUnit starts, migrated as {@link #migrated} does, and closes (see the class's comment). */
    public static ServiceDatabase forTests(String schema) {
        return new ServiceDatabase(schema);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startInTemporaryDirectory();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (database == null) {
            forOneTest = true;
            startInTemporaryDirectory();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (forOneTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
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
        database = null;
        if (temporaryDataDir != null) {
            try {
                FileSystemUtils.deleteRecursively(temporaryDataDir);
            }
            catch (IOException e) {
                throw new IllegalStateException("Could not delete " + temporaryDataDir, e);
            }
        }
    }

    private void startInTemporaryDirectory() throws IOException {
        temporaryDataDir = Files.createTempDirectory("service-database-" + schema);
        start(temporaryDataDir);
    }

    private void start(Path dataDir) {
        database = EmbeddedDatabase.start(dataDir, 0);
        String url = database.jdbcUrl() + "?currentSchema=" + schema;
        Flyway.configure().dataSource(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD).schemas(schema)
                .locations("classpath:db/migration/" + schema).load().migrate();
        dataSource = new DriverManagerDataSource(url, EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }
}
