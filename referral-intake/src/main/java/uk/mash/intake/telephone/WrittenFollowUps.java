package uk.mash.intake.telephone;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.store.SourcePosition;
import uk.mash.platform.serde.StoredEvents;

/**
 * Telephone referrals' written follow-ups that said something the call did not, one at most per telephone referral:
 * the database keeps it so, however many are sent at once. Each is kept with what its event is rebuilt from, byte for
 * byte, when the record that carried it is redelivered.
 */
@Repository
public class WrittenFollowUps {

    private final JdbcTemplate jdbc;

    WrittenFollowUps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<WrittenFollowUp> of(UUID telephoneReferralId) {
        return jdbc.query("select w.referral_id, w.event_id, w.received_at, w.submission, w.source_partition, "
                + "w.source_offset, r.received_at as telephoned_at, r.child_key from written_follow_up w "
                + "join referral r using (referral_id) where w.referral_id = ?", WrittenFollowUps::row,
                telephoneReferralId).stream().findFirst();
    }

    /**
     * Stores the follow-up published as this event, unless its telephone referral has one already (a sending that
     * committed first, which this waits for).
     *
     * @param source where on the submitted topic it came from; null when it came by REST
     */
    public boolean storeIfAbsent(ReferralReceived published, SourcePosition source) {
        return jdbc.update("insert into written_follow_up (referral_id, event_id, received_at, submission, "
                + "source_partition, source_offset) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                published.getReferralId(), published.getEventId(),
                Timestamp.from(published.getWrittenFollowUpReceivedAt()), StoredEvents.encode(published.getReferral()),
                source == null ? null : source.partition(), source == null ? null : source.offset()) == 1;
    }

    private static WrittenFollowUp row(ResultSet rs, int rowNum) throws SQLException {
        ReferralReceived published = ReferralReceived.newBuilder()
                .setEventId(rs.getObject("event_id", UUID.class))
                .setReferralId(rs.getObject("referral_id", UUID.class))
                .setReceivedAt(rs.getTimestamp("telephoned_at").toInstant())
                .setChildKey(rs.getString("child_key"))
                .setReferral(StoredEvents.decode(rs.getBytes("submission"), ReferralSubmitted.class))
                .setWrittenFollowUpReceivedAt(rs.getTimestamp("received_at").toInstant())
                .build();
        Integer partition = rs.getObject("source_partition", Integer.class);
        return new WrittenFollowUp(published, partition == null ? null
                : new SourcePosition(partition, rs.getLong("source_offset")));
    }
}
