package uk.mash.triage.collation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
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
     * referral carries it, but two different NHS numbers are never the same child. A child no record matches (most
     * referrals) is created in the same round trip as the look-up.
     */
    UUID resolve(ChildIdentifiers.Keys keys) {
        if (keys.nhs() == null && keys.demographics() == null) {
            return newChild(keys);
        }
        List<Candidate> candidates = keys.nhs() != null
                ? candidatesOrNewChild("nhs_hash = ? or (demographic_hash = ? and nhs_hash is null)", keys,
                        keys.nhs(), keys.demographics())
                : candidatesOrNewChild("demographic_hash = ?", keys, keys.demographics());
        Optional<UUID> created = candidates.stream().filter(Candidate::created).map(Candidate::childId).findFirst();
        if (created.isPresent()) {
            return created.get();
        }
        if (keys.nhs() != null) {
            Optional<UUID> byNhs = candidates.stream().filter(Candidate::numbered).map(Candidate::childId)
                    .findFirst();
            if (byNhs.isPresent()) {
                return byNhs.get();
            }
            if (candidates.size() == 1) {
                jdbc.update("update child set nhs_hash = ? where child_id = ?", keys.nhs(),
                        candidates.get(0).childId());
            }
        }
        return candidates.size() == 1 ? candidates.get(0).childId() : newChild(keys);
    }

    /** The children matching {@code condition}; when there are none, the child created for these keys instead. */
    private List<Candidate> candidatesOrNewChild(String condition, ChildIdentifiers.Keys keys, Object... arguments) {
        Object[] parameters = Arrays.copyOf(arguments, arguments.length + 3);
        parameters[arguments.length] = UUID.randomUUID();
        parameters[arguments.length + 1] = keys.nhs();
        parameters[arguments.length + 2] = keys.demographics();
        return jdbc.query("with candidates as (select child_id, nhs_hash is not null numbered from child where "
                + condition + "), created as (insert into child (child_id, nhs_hash, demographic_hash) "
                + "select ?, ?, ? where not exists (select 1 from candidates) returning child_id) "
                + "select child_id, numbered, false from candidates union all select child_id, false, true from created",
                (rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getBoolean(3)),
                parameters);
    }

    private UUID newChild(ChildIdentifiers.Keys keys) {
        UUID childId = UUID.randomUUID();
        jdbc.update("insert into child (child_id, nhs_hash, demographic_hash) values (?, ?, ?)", childId, keys.nhs(),
                keys.demographics());
        return childId;
    }

    /**
     * Adds the referral to the child's history and answers, in the same round trip, the referrals and distinct
     * agencies about the child received from {@code from} up to this referral's receipt (this one included), and the
     * social worker allocated to the child's most recently changed open case, if any. The statement's own snapshot
     * does not see the row it adds, so the added row is counted from what the insert returns: once, whether it was new
     * or there already.
     */
    ChildHistory addReferral(UUID childId, UUID referralId, String agencyCode, Instant receivedAt, Instant from) {
        Timestamp received = Timestamp.from(receivedAt);
        Timestamp since = Timestamp.from(from);
        return jdbc.queryForObject("with added as (insert into child_referral (referral_id, child_id, agency_code, "
                + "received_at) values (?, ?, ?, ?) on conflict do nothing returning agency_code) "
                + "select c.referrals, c.agencies, w.allocated_social_worker, w.allocated_team "
                + "from (select count(*) referrals, count(distinct agency_code) agencies from ("
                + "select agency_code from child_referral where child_id = ? and received_at between ? and ? "
                + "union all select agency_code from added) r) c "
                + "left join lateral (select allocated_social_worker, allocated_team from case_registry "
                + "where child_id = ? and status = 'OPEN' and allocated_social_worker is not null "
                + "order by occurred_at desc limit 1) w on true",
                (rs, n) -> new ChildHistory(rs.getInt(1), rs.getInt(2), rs.getString(3) == null ? Optional.empty()
                        : Optional.of(new AllocatedWorker(rs.getString(3), rs.getString(4)))),
                referralId, childId, agencyCode, received, childId, since, received, childId);
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

    record ChildHistory(int referrals, int agencies, Optional<AllocatedWorker> allocatedWorker) {
    }

    /**
     * A child the keys may identify: by NHS number ({@code numbered}), or by demographics and without one; or the
     * child just {@code created} because none did.
     */
    private record Candidate(UUID childId, boolean numbered, boolean created) {
    }
}
