package uk.mash.intake.telephone;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import uk.mash.events.FollowUpStatus;

/** Where the written follow-up of one telephone referral stands; no details of the child. */
public record FollowUp(UUID referralId, String agencyCode, String agencyReference, String localAuthority,
        Instant recordedAt, Instant dueBy, FollowUpStatus status, Instant receivedAt) {

    static FollowUp row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp receivedAt = rs.getTimestamp("received_at");
        return new FollowUp(rs.getObject("referral_id", UUID.class), rs.getString("agency_code"),
                rs.getString("agency_reference"), rs.getString("local_authority"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("due_by").toInstant(),
                FollowUpStatus.valueOf(rs.getString("status")), receivedAt == null ? null : receivedAt.toInstant());
    }
}
