package uk.mash.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What a poll read at once, held for its transaction against a real PostgreSQL transaction manager. */
class TransactionReadsTest {

    @RegisterExtension
    static final OneTableDatabase database = new OneTableDatabase("unused", "id int");

    private final TransactionReads<String, String> routes = new TransactionReads<>();

    @Test
    void eachKeyReadForThePollIsAnsweredUntilTheTransactionChangesIt() {
        database.transaction().executeWithoutResult(status -> {
            routes.hold(Set.of("referral-1", "referral-2"), Map.of("referral-1", "early-help"));

            assertThat(routes.holds("referral-1")).isTrue();
            assertThat(routes.value("referral-1")).isEqualTo("early-help");
            assertThat(routes.holds("referral-2")).as("read, and had no rows").isTrue();
            assertThat(routes.value("referral-2")).isNull();
            assertThat(routes.holds("referral-3")).as("not read for the poll").isFalse();

            routes.forget("referral-1");
            assertThat(routes.holds("referral-1")).isFalse();
        });
    }

    @Test
    void nothingIsHeldOutsideTheTransactionThatReadIt() {
        TransactionTemplate inner = new TransactionTemplate(database.transaction().getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        database.transaction().executeWithoutResult(status -> {
            routes.hold(Set.of("referral-1"), Map.of("referral-1", "early-help"));
            inner.executeWithoutResult(innerStatus -> assertThat(routes.holds("referral-1")).isFalse());
            assertThat(routes.holds("referral-1")).as("back in the poll's transaction").isTrue();
        });

        assertThat(routes.holds("referral-1")).isFalse();
        routes.hold(Set.of("referral-1"), Map.of("referral-1", "early-help"));
        assertThat(routes.holds("referral-1")).isFalse();
    }
}
