package uk.mash.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.jdbc.OneTableDatabase;

/** The audit trail against a real PostgreSQL: entries commit and roll back with the decisions they record. */
class AuditTrailTest {

    @RegisterExtension
    static final OneTableDatabase database = new OneTableDatabase("audit_event", "id bigserial primary key, "
            + "occurred_at timestamptz not null, actor text not null, action text not null, referral_id uuid, "
            + "reason text");

    private final JdbcTemplate jdbc = database.jdbc();
    private final TransactionTemplate transaction = database.transaction();
    private final AuditTrail audit = new AuditTrail(jdbc, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"),
            ZoneOffset.UTC));

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
    void aRefusalQuotingANulCharacterStillCommits() {
        transaction.executeWithoutResult(status -> audit.record("REFERRAL_REFUSED", null,
                "agency reference SCH-1\u0000 refused"));

        assertThat(jdbc.queryForObject("select reason from audit_event", String.class))
                .isEqualTo("agency reference SCH-1\uFFFD refused");
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

    private List<String> writtenEntries() {
        return jdbc.queryForList("select actor || ' ' || action from audit_event order by id", String.class);
    }
}
