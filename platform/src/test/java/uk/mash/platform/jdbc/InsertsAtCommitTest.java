package uk.mash.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows waiting for the commit against a real PostgreSQL, when a read in the same transaction needs them (the
 * commit-and-rollback behaviour every user relies on is in {@code AuditTrailTest}).
 */
class InsertsAtCommitTest {

    @RegisterExtension
    static final OneTableDatabase database = new OneTableDatabase("routing",
            "id bigserial primary key, referral_id uuid not null, decision text");

    private final JdbcTemplate jdbc = database.jdbc();
    private final TransactionTemplate transaction = database.transaction();
    private final InsertsAtCommit routings = new InsertsAtCommit(jdbc,
            "insert into routing (referral_id, decision) values (?, ?)");

    @Test
    void aReadAboutAWaitingRowHasEveryWaitingRowWrittenFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            routings.add(first, "ROUTED");
            routings.add(second, "NOT_ROUTED");
            routings.writeWaitingFor(second);
            assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED");
            routings.add(first, "REROUTED");
        });

        assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED", "REROUTED");
    }

    @Test
    void aReadAboutNoWaitingRowLeavesThemForTheCommit() {
        transaction.executeWithoutResult(status -> {
            routings.add(UUID.randomUUID(), "ROUTED");
            routings.writeWaitingFor(UUID.randomUUID());
            assertThat(decisions()).isEmpty();
        });

        assertThat(decisions()).containsExactly("ROUTED");
    }

    @Test
    void aRowAddedAfterAReadIsFoundByTheNextRead() {
        UUID later = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            routings.add(UUID.randomUUID(), "ROUTED");
            routings.writeWaitingFor(UUID.randomUUID());
            routings.add(later, "NOT_ROUTED");
            routings.writeWaitingFor(later);
            assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED");
        });

        assertThat(decisions()).containsExactly("ROUTED", "NOT_ROUTED");
    }

    @Test
    void rowsWrittenForAReadStillRollBackWithTheirTransaction() {
        UUID referral = UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            routings.add(referral, "ROUTED");
            routings.writeWaitingFor(referral);
            throw new IllegalStateException("the routing failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(decisions()).isEmpty();
    }

    private List<String> decisions() {
        return jdbc.queryForList("select decision from routing order by id", String.class);
    }
}
