package uk.mash.intake.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.jdbc.ArrayRows;
import uk.mash.platform.security.CallerIdentity;
import uk.mash.platform.serde.StoredEvents;

/**
 * Intake's referrals and their outbox. Uniqueness of (agency, agency reference) and of (agency, idempotency key)
 * is enforced by the database, so concurrent retries of one submission can only ever create one referral; what each
 * referral said is kept, by which a retry is told from a different referral.
 */
@Repository
public class ReferralStore {

    private static final String COLUMNS = "referral_id, agency_code, agency_reference, local_authority, channel, "
            + "status, received_at";

    private final JdbcTemplate jdbc;
    private final ArrayRows referrals = new ArrayRows("insert into referral (referral_id, agency_code, "
            + "agency_reference, idempotency_key, local_authority, channel, child_key, status, received_at, "
            + "submission, received_event_id, source_partition, source_offset) select * from unnest(?::uuid[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], "
            + "?::bytea[], ?::uuid[], ?::int[], ?::bigint[]) on conflict do nothing returning referral_id", "uuid",
            "text", "text", "text", "text", "text", "text", "text", "timestamptz", "bytea", "uuid", "int4", "int8");

    ReferralStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredReferral> find(UUID referralId) {
        return first(jdbc.query("select " + COLUMNS + " from referral where referral_id = ?", ReferralStore::row,
                referralId));
    }

    /** The referral, if the caller acts for the agency that made it; none otherwise, as if it did not exist. */
    public Optional<StoredReferral> findFor(UUID referralId, CallerIdentity caller) {
        return find(referralId).filter(referral -> caller.actsFor(referral.agencyCode()));
    }

    /**
     * The agency's referrals holding this agency reference or this idempotency key: none, one, or two different
     * referrals (one holding each), the one holding the agency reference first.
     */
    public List<ExistingReferral> holding(String agencyCode, String agencyReference, String idempotencyKey) {
        return jdbc.query("select " + COLUMNS + ", idempotency_key, child_key, submission from referral "
                + "where agency_code = ? and (agency_reference = ? or idempotency_key = ?) "
                + "order by agency_reference = ? desc",
                (rs, n) -> new ExistingReferral(row(rs, n), rs.getString("idempotency_key"),
                        rs.getString("child_key"), rs.getBytes("submission")),
                agencyCode, agencyReference, idempotencyKey, agencyReference);
    }

    /**
     * Inserts the referral unless one with the same agency reference or idempotency key exists.
     *
     * @param source where on the submitted topic it came from; null when it came by REST or telephone
     */
    public boolean insertIfAbsent(ReferralReceived received, String idempotencyKey, SourcePosition source) {
        return !referrals.query(jdbc, List.<Object[]>of(referralRow(received, idempotencyKey, source)), UUID.class)
                .isEmpty();
    }

    /**
     * A referral received from the submitted topic, its row made ready to be inserted with the rest of its poll
     * ({@link #insertAllIfAbsent}). Made as soon as the submission is checked, it takes the encoding the check made of
     * it, which the thread still remembers then and no longer after the rest of the poll is checked.
     */
    public FromTopic fromTopic(ReferralReceived received, SourcePosition source) {
        return new FromTopic(referralRow(received, null, source));
    }

    /**
     * Inserts, in one statement, these referrals received from the submitted topic, each unless one with the same
     * agency reference exists or comes earlier in the list; answers the ids of those inserted.
     */
    public Set<UUID> insertAllIfAbsent(List<FromTopic> fromTopic) {
        return new HashSet<>(referrals.query(jdbc, fromTopic.stream().map(referral -> referral.row).toList(),
                UUID.class));
    }

    private static Object[] referralRow(ReferralReceived received, String idempotencyKey, SourcePosition source) {
        ReferralSubmitted submission = received.getReferral();
        return new Object[] {received.getReferralId(), submission.getReferrer().getAgencyCode(),
            submission.getAgencyReference(), idempotencyKey, submission.getLocalAuthority(),
            submission.getChannel().name(), received.getChildKey(), "RECEIVED",
            Timestamp.from(received.getReceivedAt()), StoredEvents.encode(submission), received.getEventId(),
            source == null ? null : source.partition(), source == null ? null : source.offset()};
    }

    /**
     * Gives a telephone referral the Idempotency-Key its written follow-up was sent with: recorded by MASH staff, it
     * has none of its own, and under the index on the agency's keys a key stays one submission's, referral or written
     * follow-up.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another of the agency's referrals holds the key
     */
    public void keepWrittenFollowUpKey(UUID telephoneReferralId, String idempotencyKey) {
        jdbc.update("update referral set idempotency_key = ? where referral_id = ?", idempotencyKey,
                telephoneReferralId);
    }

    /**
     * The received event of the agency's referral, as first published, if that referral came from this position on
     * the submitted topic.
     */
    public Optional<ReferralReceived> receivedFrom(String agencyCode, String agencyReference, SourcePosition source) {
        return first(jdbc.query("select referral_id, received_event_id, received_at, child_key, submission "
                + "from referral where agency_code = ? and agency_reference = ? and source_partition = ? "
                + "and source_offset = ?",
                (rs, n) -> ReferralReceived.newBuilder()
                        .setEventId(rs.getObject("received_event_id", UUID.class))
                        .setReferralId(rs.getObject("referral_id", UUID.class))
                        .setReceivedAt(rs.getTimestamp("received_at").toInstant())
                        .setChildKey(rs.getString("child_key"))
                        .setReferral(StoredEvents.decode(rs.getBytes("submission"), ReferralSubmitted.class))
                        .build(),
                agencyCode, agencyReference, source.partition(), source.offset()));
    }

    private static StoredReferral row(ResultSet rs, int rowNum) throws SQLException {
        return new StoredReferral(rs.getObject("referral_id", UUID.class), rs.getString("agency_code"),
                rs.getString("agency_reference"), rs.getString("local_authority"), rs.getString("channel"),
                rs.getString("status"), rs.getTimestamp("received_at").toInstant());
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    /** A referral from the submitted topic, its row ready to be inserted. */
    public static final class FromTopic {

        private final Object[] row;

        private FromTopic(Object[] row) {
            this.row = row;
        }
    }
}
