package uk.mash.intake.outbox;

import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import uk.mash.platform.serde.StoredEvents;

/**
 * Events to publish, written in the same database transaction as the change they announce, so that an event is
 * published if and only if the change committed. The relay is woken once the transaction commits (once however
 * many events a poll's transaction appends).
 */
@Repository
public class Outbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    public void append(String topic, String key, UUID eventId, SpecificRecord event) {
        jdbc.update("insert into outbox (event_id, topic, message_key, event_type, payload) "
                + "values (?, ?, ?, ?, ?)", eventId, topic, key, event.getClass().getName(),
                StoredEvents.encode(event));
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) == null) {
            TransactionSynchronizationManager.bindResource(this, relay);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
        }
    }
}
