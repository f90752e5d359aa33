package uk.mash.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * Rows waiting for the commit against a real PostgreSQL, when a read in the same transaction needs them (the
 * commit-and-rollback behaviour every user relies on is in {@code AuditTrailTest}).
 */
class InsertsAtCommitTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private final InsertsAtCommit routings = new InsertsAtCommit(jdbc,
            "insert into routing (referral_id, decision) values (?, ?)");

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start(dataDir, 0);
        DataSource dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("create table routing (id bigserial primary key, referral_id uuid not null, decision text)");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTable() {
        jdbc.execute("truncate routing");
    }

    @Test
    void aReadAboutAWaitingRowHasEveryWaitingRowWrittenFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            routings.add(first, "ROUTED");
            routings.add(second, "NOT_ROUTED");
            routings.writeWaitingIf(row -> second.equals(row[0]));
            assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED");
            routings.add(first, "REROUTED");
        });

        assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED", "REROUTED");
    }

    @Test
    void aReadAboutNoWaitingRowLeavesThemForTheCommit() {
        transaction.executeWithoutResult(status -> {
            routings.add(UUID.randomUUID(), "ROUTED");
            routings.writeWaitingIf(row -> false);
            assertThat(decisions()).isEmpty();
        });

        assertThat(decisions()).containsExactly("ROUTED");
    }

    @Test
    void rowsWrittenForAReadStillRollBackWithTheirTransaction() {
        UUID referral = UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            routings.add(referral, "ROUTED");
            routings.writeWaitingIf(row -> referral.equals(row[0]));
            throw new IllegalStateException("the routing failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(decisions()).isEmpty();
    }

    private static List<String> decisions() {
        return jdbc.queryForList("select decision from routing order by id", String.class);
    }
}
