package uk.mash.platform.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * A real PostgreSQL with one table, emptied before each test, for a test class of the platform's JDBC helpers.
 * Statements and transactions share one data source, so that what runs in a transaction runs on its connection.
 * Register it as a static field with {@code @RegisterExtension}.
 */
public final class OneTableDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String table;
    private final String columns;
    private Path dataDir;
    private EmbeddedDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;

    /**
     * @param table the table's name
     * @param columns its column definitions, as in {@code create table}
     */
    public OneTableDatabase(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("one-table-database");
        database = EmbeddedDatabase.start(dataDir, 0);
        DataSource dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("create table " + table + " (" + columns + ")");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        jdbc.execute("truncate " + table);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        database.close();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transaction() {
        return transaction;
    }
}
