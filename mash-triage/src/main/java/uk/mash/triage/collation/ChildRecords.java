package uk.mash.triage.collation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.mash.events.CaseRegistryChanged;

/**
 * Triage's record of the children it has seen: each child's identifying keys (hashed), their referral history, and
 * triage's own copy of the case registry published by the router.
 */
@Repository
class ChildRecords {

    private final JdbcTemplate jdbc;

    ChildRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The child these keys identify, created when none matches. An NHS number decides alone; without one, the
     * demographic key must match exactly one child. A child first seen without an NHS number gains it when a later
     * referral carries it, but two different NHS numbers are never the same child.
     */
    UUID resolve(ChildIdentifiers.Keys keys) {
        if (keys.nhs() != null) {
            List<Candidate> candidates = jdbc.query("select child_id, nhs_hash is not null from child "
                    + "where nhs_hash = ? or (demographic_hash = ? and nhs_hash is null)",
                    (rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getBoolean(2)), keys.nhs(),
                    keys.demographics());
            Optional<UUID> byNhs = candidates.stream().filter(Candidate::numbered).map(Candidate::childId)
                    .findFirst();
            if (byNhs.isPresent()) {
                return byNhs.get();
            }
            if (candidates.size() == 1) {
                jdbc.update("update child set nhs_hash = ? where child_id = ?", keys.nhs(),
                        candidates.get(0).childId());
                return candidates.get(0).childId();
            }
        }
        else if (keys.demographics() != null) {
            List<UUID> candidates = ids("select child_id from child where demographic_hash = ?", keys.demographics());
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        }
        UUID childId = UUID.randomUUID();
        jdbc.update("insert into child (child_id, nhs_hash, demographic_hash) values (?, ?, ?)", childId, keys.nhs(),
                keys.demographics());
        return childId;
    }

    void addReferral(UUID childId, UUID referralId, String agencyCode, Instant receivedAt) {
        jdbc.update("insert into child_referral (referral_id, child_id, agency_code, received_at) values (?, ?, ?, ?) "
                + "on conflict do nothing", referralId, childId, agencyCode, Timestamp.from(receivedAt));
    }

    /**
     * Referrals and distinct agencies about the child received in [from, to], and the social worker allocated to the
     * child's most recently changed open case, if any.
     */
    ChildHistory history(UUID childId, Instant from, Instant to) {
        return jdbc.queryForObject("select c.referrals, c.agencies, w.allocated_social_worker, w.allocated_team "
                + "from (select count(*) referrals, count(distinct agency_code) agencies from child_referral "
                + "where child_id = ? and received_at between ? and ?) c "
                + "left join lateral (select allocated_social_worker, allocated_team from case_registry "
                + "where child_id = ? and status = 'OPEN' and allocated_social_worker is not null "
                + "order by occurred_at desc limit 1) w on true",
                (rs, n) -> new ChildHistory(rs.getInt(1), rs.getInt(2), rs.getString(3) == null ? Optional.empty()
                        : Optional.of(new AllocatedWorker(rs.getString(3), rs.getString(4)))),
                childId, Timestamp.from(from), Timestamp.from(to), childId);
    }

    /** Keeps the latest state of a case; an older event arriving late changes nothing. */
    void upsertCase(UUID childId, CaseRegistryChanged change) {
        jdbc.update("insert into case_registry (case_id, child_id, status, local_authority, allocated_team, "
                + "allocated_social_worker, occurred_at) values (?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (case_id) do update set child_id = excluded.child_id, status = excluded.status, "
                + "local_authority = excluded.local_authority, allocated_team = excluded.allocated_team, "
                + "allocated_social_worker = excluded.allocated_social_worker, occurred_at = excluded.occurred_at "
                + "where case_registry.occurred_at <= excluded.occurred_at",
                change.getCaseId(), childId, change.getStatus().name(), change.getLocalAuthority(),
                change.getAllocatedTeam(), change.getAllocatedSocialWorker(),
                Timestamp.from(change.getOccurredAt()));
    }

    private List<UUID> ids(String sql, Object... args) {
        return jdbc.query(sql, (rs, n) -> rs.getObject(1, UUID.class), args);
    }

    record ChildHistory(int referrals, int agencies, Optional<AllocatedWorker> allocatedWorker) {
    }

    /** A child the keys may identify: by NHS number ({@code numbered}), or by demographics and without one. */
    private record Candidate(UUID childId, boolean numbered) {
    }
}
