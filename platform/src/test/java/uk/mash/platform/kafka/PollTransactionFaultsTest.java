package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import uk.mash.platform.registry.SchemaRegistryException;

/**
 * Which failures of a poll are the record's fault, to be dead-lettered once its retries are spent, and which are an
 * outage of the database, the registry or the broker, for the poll to be retried until it is over; and what becomes of
 * a dead-lettered record when its poll comes again.
 */
class PollTransactionFaultsTest {

    private static final ConsumerRecord<String, String> RECORD =
            new ConsumerRecord<>("referrals.received.v1", 0, 42L, "child-key", "referral");

    private final DeadLetteredRecords deadLettered = new DeadLetteredRecords();
    private final PollTransaction poll = new PollTransaction(transactionManager(), deadLettered);

    @Test
    void aRecordThatCannotBeHandledIsNamedForItsDeadLetterTopic() {
        assertThatThrownBy(() -> handle(record -> {
            throw new DataIntegrityViolationException("value too long");
        })).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed.getRecord()).isSameAs(RECORD));
    }

    @Test
    void aDatabaseOutageIsNotTheRecordsFault() {
        List<RuntimeException> outages = List.of(new DataAccessResourceFailureException("connection refused"),
                new DeadlockLoserDataAccessException("deadlock", null),
                sqlState("57P01", "terminating connection due to administrator command"),
                sqlState("53100", "could not extend file: no space left on device"),
                sqlState("25006", "cannot execute INSERT in a read-only transaction"));

        outages.forEach(outage -> assertThatThrownBy(() -> handle(record -> {
            throw outage;
        })).as(outage.getMessage()).isSameAs(outage));
    }

    @Test
    void aBadValueIsTheRecordsFaultEvenWhenPostgreSqlReportsIt() {
        assertThatThrownBy(() -> handle(record -> {
            throw sqlState("22021", "invalid byte sequence for encoding UTF8: 0x00");
        })).isInstanceOf(BatchListenerFailedException.class);
    }

    @Test
    void aBrokerTimeoutIsNotTheRecordsFault() {
        TimeoutException timeout = new TimeoutException("expired before the record was sent");

        assertThatThrownBy(() -> handle(record -> {
            throw timeout;
        })).isSameAs(timeout);
    }

    @Test
    void aRecordTheRegistryCouldNotBeAskedAboutIsReadAgainRatherThanDeadLettered() {
        ConsumerRecord<String, String> unread = undecodable(new SchemaRegistryException(
                "Schema registry at http://registry:8081 is unreachable", new ConnectException("refused")));

        assertThatThrownBy(() -> poll.forEach(List.of(unread), record -> { }))
                .isNotInstanceOf(BatchListenerFailedException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aRegistryOverItsRequestQuotaIsAskedAgainRatherThanTheRecordDeadLettered() {
        ConsumerRecord<String, String> unread = undecodable(new SchemaRegistryException(
                "Schema registry refused to get schema 7: HTTP 429, error code 42901", 429, 42901));

        assertThatThrownBy(() -> poll.forEach(List.of(unread), record -> { }))
                .isNotInstanceOf(BatchListenerFailedException.class);
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsTheRecordsFault() {
        ConsumerRecord<String, String> unread = undecodable(new SchemaRegistryException(
                "Schema registry refused to get schema 99: HTTP 404, error code 40403", 404, 40403));

        assertThatThrownBy(() -> poll.forEach(List.of(unread), record -> { }))
                .isInstanceOf(BatchListenerFailedException.class);
    }

    @Test
    void aDeadLetteredRecordIsHandedOverOnceMoreOnlyToTellItsSender() {
        ConsumerRecord<String, String> next = new ConsumerRecord<>("referrals.received.v1", 0, 43L, "child-key", "next");
        deadLettered.parked(RECORD);
        List<ConsumerRecord<String, String>> handled = new ArrayList<>();
        List<ConsumerRecord<String, String>> told = new ArrayList<>();
        List<ConsumerRecord<String, String>> before = new ArrayList<>();

        poll.forEach(List.of(RECORD, next), before::addAll, handled::add, told::add);

        assertThat(told).containsExactly(RECORD);
        assertThat(handled).containsExactly(next);
        assertThat(before).containsExactly(next);
    }

    @Test
    void failingToTellADeadLetteredRecordsSenderDoesNotHoldUpThePoll() {
        ConsumerRecord<String, String> next = new ConsumerRecord<>("referrals.received.v1", 0, 43L, "child-key", "next");
        deadLettered.parked(RECORD);
        List<ConsumerRecord<String, String>> handled = new ArrayList<>();

        poll.forEach(List.of(RECORD, next), records -> { }, handled::add, record -> {
            throw new IllegalStateException("no agency reference");
        });

        assertThat(handled).as("the record is kept on its dead-letter topic either way").containsExactly(next);
    }

    @Test
    void anOutageWhileTellingADeadLetteredRecordsSenderRetriesThePoll() {
        TimeoutException timeout = new TimeoutException("expired before the record was sent");
        deadLettered.parked(RECORD);

        assertThatThrownBy(() -> poll.forEach(List.of(RECORD), records -> { }, record -> { }, record -> {
            throw timeout;
        })).isSameAs(timeout);
    }

    private void handle(Consumer<ConsumerRecord<String, String>> handler) {
        poll.forEach(List.of(RECORD), handler);
    }

    private static ConsumerRecord<String, String> undecodable(Exception cause) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("referrals.received.v1", 0, 43L, "child-key",
                null);
        SerializationUtils.deserializationException(record.headers(), new byte[] {0, 0, 0, 0, 99}, cause, false);
        return record;
    }

    private static UncategorizedSQLException sqlState(String state, String message) {
        return new UncategorizedSQLException("insert", "insert into referral ...", new SQLException(message, state));
    }

    private static ObjectProvider<PlatformTransactionManager> transactionManager() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("transactionManager", new AbstractPlatformTransactionManager() {

            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
            }

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
            }
        });
        return beans.getBeanProvider(PlatformTransactionManager.class);
    }
}
