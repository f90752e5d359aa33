package uk.mash.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** One value held for a real PostgreSQL transaction, and for no other. */
class TransactionHeldTest {

    @RegisterExtension
    static final OneTableDatabase database = new OneTableDatabase("unused", "id int");

    private final TransactionHeld<String> children = new TransactionHeld<>();

    @Test
    void theValueLastHeldIsAnsweredForTheRestOfTheTransactionOnly() {
        TransactionTemplate another = new TransactionTemplate(database.transaction().getTransactionManager());
        another.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        database.transaction().executeWithoutResult(status -> {
            children.hold("read for the poll");
            children.hold("read again");
            another.executeWithoutResult(inner -> assertThat(children.value()).isNull());
            assertThat(children.value()).isEqualTo("read again");
        });

        assertThat(children.value()).isNull();
    }

    @Test
    void nothingIsHeldOutsideATransaction() {
        children.hold("read outside");

        assertThat(children.value()).isNull();
    }
}
