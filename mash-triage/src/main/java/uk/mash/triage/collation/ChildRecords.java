package uk.mash.triage.collation;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.jdbc.AnyOfIds;
import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.jdbc.TransactionHeld;

/**
 * Triage's record of the children it has seen: each child's identifying keys (hashed), their referral history, and
 * triage's own copy of the case registry published by the router. Inside a transaction what was read and written is
 * kept in {@link KnownChildren} for the rest of it: a poll's children and histories are read in three statements for
 * all of its referrals ({@link #preload}), and the children and history rows it adds are written together when it
 * commits (their foreign keys are checked then).
 */
@Repository
class ChildRecords {

    /**
     * The first key of the advisory locks on a child's keyed hashes, so that they cannot collide with any other
     * advisory lock the database is used for.
     */
    private static final int CHILD_KEY_LOCKS = 0x4348494C;

    private final JdbcTemplate jdbc;
    private final InsertsAtCommit children;
    private final InsertsAtCommit demographicKeys;
    private final InsertsAtCommit childReferrals;
    private final TransactionHeld<KnownChildren> bound = new TransactionHeld<>();

    ChildRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.children = new InsertsAtCommit(jdbc,
                "insert into child (child_id, nhs_hash, demographic_hash) values (?, ?, ?)");
        this.demographicKeys = new InsertsAtCommit(jdbc,
                "insert into child_demographic (demographic_hash, child_id) values (?, ?) on conflict do nothing");
        this.childReferrals = new InsertsAtCommit(jdbc, "insert into child_referral (referral_id, child_id, "
                + "agency_code, received_at) values (?, ?, ?, ?) on conflict do nothing");
    }

    /**
     * Reads, for the rest of the transaction, every child these keys may identify, and those children's referrals
     * received from {@code since} on with their allocated workers; null {@code since} reads the children alone.
     */
    void preload(Collection<ChildIdentifiers.Keys> keys, Instant since) {
        KnownChildren known = known();
        List<UUID> found = readChildren(known, keys);
        if (since != null) {
            readHistories(known, found.stream().filter(childId -> !known.knowsHistory(childId, since)).toList(),
                    since);
        }
    }

    /**
     * The child these keys identify, created when none matches. An NHS number decides alone; without one, the
     * demographic key must match exactly one child. A child first seen without an NHS number gains it when a later
     * referral carries it, but two different NHS numbers are never the same child. A child found by NHS number under
     * demographics no child has gains them as another key ({@link KnownChildren#referredUnder}).
     */
    UUID resolve(ChildIdentifiers.Keys keys) {
        KnownChildren known = known();
        if (keys.nhs() == null && keys.demographics() == null) {
            return create(known, keys);
        }
        if (!known.covers(keys)) {
            readChildren(known, List.of(keys));
        }
        List<KnownChildren.Candidate> candidates = known.candidates(keys);
        if (keys.nhs() != null) {
            Optional<UUID> byNhs = candidates.stream().filter(KnownChildren.Candidate::numbered)
                    .map(KnownChildren.Candidate::childId).findFirst();
            if (byNhs.isPresent()) {
                if (known.referredUnder(byNhs.get(), keys.demographics())) {
                    demographicKeys.add(keys.demographics(), byNhs.get());
                }
                return byNhs.get();
            }
            if (candidates.size() == 1) {
                UUID childId = candidates.get(0).childId();
                children.writeWaitingFor(childId);
                jdbc.update("update child set nhs_hash = ? where child_id = ?", keys.nhs(), childId);
                known.numbered(childId, keys.nhs());
            }
        }
        return candidates.size() == 1 ? candidates.get(0).childId() : create(known, keys);
    }

    /**
     * Adds the referral to the child's history and answers the referrals and distinct agencies about the child
     * received from {@code from} up to this referral's receipt (this one included, and counted once if it was added
     * before), and the social worker allocated to the child's most recently changed open case in the referral's local
     * authority, if any: a case another authority holds is not this authority's to route to.
     */
    ChildHistory addReferral(UUID childId, UUID referralId, String agencyCode, String localAuthority,
            Instant receivedAt, Instant from) {
        KnownChildren known = known();
        if (!known.knowsHistory(childId, from)) {
            readHistories(known, List.of(childId), from);
        }
        KnownChildren.Added added = known.add(childId,
                new KnownChildren.ChildReferral(referralId, agencyCode, receivedAt), localAuthority, from);
        if (added.added()) {
            childReferrals.add(referralId, childId, agencyCode, Timestamp.from(receivedAt));
        }
        return added.history();
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

    private UUID create(KnownChildren known, ChildIdentifiers.Keys keys) {
        UUID childId = TimeOrderedIds.next();
        children.add(childId, keys.nhs(), keys.demographics());
        known.created(childId, keys.nhs(), keys.demographics());
        return childId;
    }

    /**
     * Reads every child with any of these keys; answers the children read. The keys are locked first, until the
     * transaction ends: two instances triaging referrals about one child from two partitions (one with the NHS number,
     * one without) would otherwise each find no child and each create one, and with two children for the same
     * demographic key every later referral without an NHS number matches none. Locked in one order, so two polls never
     * wait for each other's keys both ways.
     */
    private List<UUID> readChildren(KnownChildren known, Collection<ChildIdentifiers.Keys> keys) {
        Set<String> nhs = keys.stream().map(ChildIdentifiers.Keys::nhs).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> demographics = keys.stream().map(ChildIdentifiers.Keys::demographics).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<UUID> found = new ArrayList<>();
        if (!nhs.isEmpty() || !demographics.isEmpty()) {
            Object[] inOrder = Stream.concat(nhs.stream(), demographics.stream()).sorted().distinct().toArray();
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("select pg_advisory_xact_lock(?, "
                        + "hashtext(h)) from unnest(?::text[]) as k (h)");
                statement.setInt(1, CHILD_KEY_LOCKS);
                statement.setArray(2, connection.createArrayOf("text", inOrder));
                return statement;
            }, (RowCallbackHandler) rs -> { });
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("select child_id, nhs_hash, "
                        + "demographic_hash from child where nhs_hash = any(?) or demographic_hash = any(?) "
                        + "union all select c.child_id, c.nhs_hash, d.demographic_hash from child_demographic d "
                        + "join child c on c.child_id = d.child_id where d.demographic_hash = any(?)");
                statement.setArray(1, connection.createArrayOf("text", nhs.toArray()));
                Array demographicKeysRead = connection.createArrayOf("text", demographics.toArray());
                statement.setArray(2, demographicKeysRead);
                statement.setArray(3, demographicKeysRead);
                return statement;
            }, (RowCallbackHandler) rs -> {
                UUID childId = rs.getObject(1, UUID.class);
                known.found(childId, rs.getString(2), rs.getString(3));
                found.add(childId);
            });
        }
        known.read(nhs, demographics);
        return found;
    }

    private void readHistories(KnownChildren known, Collection<UUID> childIds, Instant since) {
        if (childIds.isEmpty()) {
            return;
        }
        Map<UUID, List<KnownChildren.ChildReferral>> referrals = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = AnyOfIds.statement(connection, "select child_id, referral_id, agency_code, "
                    + "received_at from child_referral where child_id = any(?) and received_at >= ?", childIds);
            statement.setTimestamp(2, Timestamp.from(since));
            return statement;
        }, (RowCallbackHandler) rs -> referrals.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                .add(new KnownChildren.ChildReferral(rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant())));
        Map<UUID, Map<String, AllocatedWorker>> workers = new HashMap<>();
        jdbc.query(connection -> AnyOfIds.statement(connection, "select distinct on (child_id, local_authority) "
                + "child_id, local_authority, case_id, allocated_social_worker, allocated_team from case_registry "
                + "where child_id = any(?) and status = 'OPEN' and allocated_social_worker is not null "
                + "order by child_id, local_authority, occurred_at desc", childIds),
                (RowCallbackHandler) rs -> workers.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                        .put(rs.getString(2), new AllocatedWorker(rs.getObject(3, UUID.class), rs.getString(4),
                                rs.getString(5))));
        childIds.forEach(childId -> known.historyRead(childId, since, referrals.getOrDefault(childId, List.of()),
                workers.getOrDefault(childId, Map.of())));
    }

    /** What this transaction knows; outside a transaction, nothing is kept from one call to the next. */
    private KnownChildren known() {
        KnownChildren held = bound.value();
        if (held == null) {
            held = new KnownChildren();
            bound.hold(held);
        }
        return held;
    }

    record ChildHistory(int referrals, int agencies, Optional<AllocatedWorker> allocatedWorker) {
    }
}
