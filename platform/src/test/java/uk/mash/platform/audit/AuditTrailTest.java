package uk.mash.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/** The audit trail against a real PostgreSQL: entries commit and roll back with the decisions they record. */
class AuditTrailTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private final AuditTrail audit = new AuditTrail(jdbc, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"),
            ZoneOffset.UTC));

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start(dataDir, 0);
        DataSource dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("create table audit_event (id bigserial primary key, occurred_at timestamptz not null, "
                + "actor text not null, action text not null, referral_id uuid, reason text)");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTrail() {
        jdbc.execute("truncate audit_event");
    }

    @Test
    void everyEntryOfATransactionIsWrittenWhenItCommitsInTheOrderRecorded() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            audit.record("REFERRAL_RECEIVED", first, "accepted via API");
            audit.record("REFERRAL_RECEIVED", second, "accepted via KAFKA");
            assertThat(writtenEntries()).isEmpty();
        });

        assertThat(jdbc.queryForList("select referral_id from audit_event order by id", UUID.class))
                .containsExactly(first, second);
    }

    @Test
    void entriesOfATransactionThatRollsBackAreNeverWritten() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record("OUTCOME_RECOMMENDED", UUID.randomUUID(), "EARLY_HELP");
            throw new IllegalStateException("the decision failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(writtenEntries()).isEmpty();
    }

    @Test
    void anEntryOutsideATransactionIsWrittenAtOnce() {
        audit.recordAs("mash.worker", "CASE_VIEWED", UUID.randomUUID(), "task list");

        assertThat(writtenEntries()).containsExactly("mash.worker CASE_VIEWED");
    }

    @Test
    void aTransactionSuspendedForAnotherKeepsItsEntriesApart() {
        TransactionTemplate inner = new TransactionTemplate(transaction.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record("OUTER", UUID.randomUUID(), "rolled back");
            inner.executeWithoutResult(innerStatus -> audit.record("INNER", UUID.randomUUID(), "committed"));
            throw new IllegalStateException("the outer decision failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(writtenEntries()).containsExactly("system INNER");
    }

    private static List<String> writtenEntries() {
        return jdbc.queryForList("select actor || ' ' || action from audit_event order by id", String.class);
    }
}
