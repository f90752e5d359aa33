package uk.mash.intake.outbox;

import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.serde.StoredEvents;

/**
 * Events to publish, written in the same database transaction as the change they announce, so that an event is
 * published if and only if the change committed. The rows are written just before the transaction commits, in one
 * batch ({@link InsertsAtCommit}), and the relay is woken once it has committed.
 */
@Repository
public class Outbox {

    private final InsertsAtCommit events;

    Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.events = new InsertsAtCommit(jdbc, "insert into outbox (event_id, topic, message_key, event_type, payload) "
                + "values (?, ?, ?, ?, ?)", relay::wakeUp);
    }

    public void append(String topic, String key, UUID eventId, SpecificRecord event) {
        events.add(eventId, topic, key, event.getClass().getName(), StoredEvents.encode(event));
    }
}
