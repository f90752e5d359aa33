package uk.mash.router.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import uk.mash.events.CaseRouted;
import uk.mash.platform.jdbc.AnyOfIds;
import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.serde.StoredEvents;

/**
 * The routing record: one row per outcome version with the decision taken and the Kafka position that carried it,
 * the records that decision sent (in order), and the queue each referral is on now.
 */
@Repository
class RoutingRecords {

    /** Routes written before they referred to the routing record hold their own copy of the case. */
    private static final String ROUTES_IN_FORCE = "select r.outcome_version, r.topic, r.team, coalesce(r.event, "
            + "e.event), r.referral_id from referral_route r left join routing_event e on e.referral_id = "
            + "r.referral_id and e.outcome_version = r.outcome_version and e.seq = r.seq ";

    private final JdbcTemplate jdbc;
    private final InsertsAtCommit routings;
    private final InsertsAtCommit routingEvents;
    private final InsertsAtCommit routesInForce;
    private final TransactionReads<UUID, Map<Integer, Processed>> histories = new TransactionReads<>();
    private final TransactionReads<UUID, RouteInForce> routes = new TransactionReads<>();

    RoutingRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.routings = new InsertsAtCommit(jdbc, "insert into routing (referral_id, outcome_version, queue, team, "
                + "locality, decision, reason, routed_at, source_partition, source_offset) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.routingEvents = new InsertsAtCommit(jdbc, "insert into routing_event (referral_id, outcome_version, seq, "
                + "topic, record_key, event_class, event, unroutable_reason, unroutable_detail) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.routesInForce = new InsertsAtCommit(jdbc, "insert into referral_route (referral_id, outcome_version, "
                + "topic, team, locality, seq, event) values (?, ?, ?, ?, ?, ?, null) on conflict (referral_id) do "
                + "update set outcome_version = excluded.outcome_version, topic = excluded.topic, team = "
                + "excluded.team, locality = excluded.locality, seq = excluded.seq, event = null");
    }

    /** Every outcome version of the referral routed so far: where its record was, and what routing it did. */
    RoutingHistory history(UUID referralId) {
        writeWaiting(referralId);
        if (histories.holds(referralId)) {
            Map<Integer, Processed> read = histories.value(referralId);
            return new RoutingHistory(read == null ? Map.of() : read);
        }
        Map<Integer, Processed> versions = new HashMap<>();
        jdbc.query("select outcome_version, source_partition, source_offset, decision from routing "
                + "where referral_id = ?", (RowCallbackHandler) rs -> versions.put(rs.getInt(1),
                        new Processed(new Position(rs.getInt(2), rs.getLong(3)),
                                RoutingOutcome.valueOf(rs.getString(4)))), referralId);
        return new RoutingHistory(versions);
    }

    /**
     * Forgets a dead-lettered outcome version so that, republished once the table is put right, it is routed; the
     * audit trail keeps that it was dead-lettered.
     */
    void forget(UUID referralId, int outcomeVersion) {
        writeWaiting(referralId);
        changing(referralId);
        jdbc.update("delete from routing_event where referral_id = ? and outcome_version = ?", referralId,
                outcomeVersion);
        jdbc.update("delete from routing where referral_id = ? and outcome_version = ?", referralId, outcomeVersion);
    }

    /** The records this outcome version sent, to send again on a redelivery. */
    List<Outgoing> sentFor(UUID referralId, int outcomeVersion, String sourceTopic) {
        writeWaiting(referralId);
        return jdbc.query("select e.topic, e.record_key, e.event_class, e.event, e.unroutable_reason, "
                + "e.unroutable_detail, r.source_partition, r.source_offset from routing_event e join routing r "
                + "using (referral_id, outcome_version) where referral_id = ? and outcome_version = ? order by e.seq",
                (rs, n) -> new Outgoing(rs.getString(1), rs.getString(2), decode(rs.getString(3), rs.getBytes(4)),
                        rs.getString(5) == null ? null
                                : new Outgoing.Unrouted(UnroutableReason.valueOf(rs.getString(5)), rs.getString(6),
                                        sourceTopic, rs.getInt(7), rs.getLong(8))),
                referralId, outcomeVersion);
    }

    /** The referral's route in force, locked until the routing commits. */
    Optional<RouteInForce> inForce(UUID referralId) {
        if (routes.holds(referralId)) {
            return Optional.ofNullable(routes.value(referralId));
        }
        writeWaiting(referralId);
        return jdbc.query(ROUTES_IN_FORCE + "where r.referral_id = ? for update of r",
                (rs, n) -> routeInForce(rs), referralId).stream().findFirst();
    }

    /**
     * Puts the routed case on its queue for the referral. The route refers to the case as the routing record keeps
     * it, at {@code seq} among the records this outcome version sent, rather than holding a second copy of it. Like
     * the routing record, it is written with the rest of the poll's when the transaction commits, or before a read of
     * the same referral's routing in the same transaction.
     */
    void placeInForce(CaseRouted routed, String topic, String locality, int seq) {
        changing(routed.getReferralId());
        routesInForce.add(routed.getReferralId(), routed.getOutcomeVersion(), topic, routed.getTeam(), locality, seq);
    }

    void removeInForce(UUID referralId) {
        writeWaiting(referralId);
        changing(referralId);
        jdbc.update("delete from referral_route where referral_id = ?", referralId);
    }

    /**
     * Records the routing of one outcome version and what it sent. The rows are written with the rest of the poll's
     * when the transaction commits, or before a read of the same referral's routing in the same transaction.
     */
    void record(RoutingRecord record, List<Outgoing> sent) {
        changing(record.referralId());
        routings.add(record.referralId(), record.outcomeVersion(), record.topic(), record.team(), record.locality(),
                record.decision().name(), record.reason(), Timestamp.from(record.at()), record.partition(),
                record.offset());
        for (int seq = 0; seq < sent.size(); seq++) {
            Outgoing out = sent.get(seq);
            routingEvents.add(record.referralId(), record.outcomeVersion(), seq, out.topic(), out.key(),
                    out.value().getClass().getName(), StoredEvents.encode(out.value()),
                    out.unrouted() == null ? null : out.unrouted().reason().name(),
                    out.unrouted() == null ? null : out.unrouted().detail());
        }
    }

    /**
     * Reads the routing history and the route in force (locked until the routing commits) of every referral of a
     * poll in two statements, held for the poll's transaction: each referral's own reads then find them, until the
     * transaction changes that referral's routing (two outcome versions of a referral in one poll), after which its
     * reads go to the database again.
     */
    void preload(Collection<UUID> referralIds) {
        Set<UUID> referrals = new HashSet<>(referralIds);
        Map<UUID, Map<Integer, Processed>> histories = new HashMap<>();
        jdbc.query(connection -> AnyOfIds.statement(connection, "select referral_id, outcome_version, "
                + "source_partition, source_offset, decision from routing where referral_id = any(?)", referrals),
                (RowCallbackHandler) rs -> histories
                        .computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                        .put(rs.getInt(2), new Processed(new Position(rs.getInt(3), rs.getLong(4)),
                                RoutingOutcome.valueOf(rs.getString(5)))));
        Map<UUID, RouteInForce> routes = new HashMap<>();
        jdbc.query(connection -> AnyOfIds.statement(connection, ROUTES_IN_FORCE + "where r.referral_id = any(?) "
                + "order by r.referral_id for update of r", referrals),
                (RowCallbackHandler) rs -> routes.put(rs.getObject(5, UUID.class), routeInForce(rs)));
        this.histories.hold(referrals, histories);
        this.routes.hold(referrals, routes);
    }

    private void changing(UUID referralId) {
        histories.forget(referralId);
        routes.forget(referralId);
    }

    /**
     * Routing rows before their events, each of which refers to its routing row; the route in force refers to an
     * event, checked at commit.
     */
    private void writeWaiting(UUID referralId) {
        routings.writeWaitingFor(referralId);
        routingEvents.writeWaitingFor(referralId);
        routesInForce.writeWaitingFor(referralId);
    }

    private static RouteInForce routeInForce(ResultSet rs) throws SQLException {
        return new RouteInForce(rs.getInt(1), rs.getString(2), rs.getString(3),
                StoredEvents.decode(rs.getBytes(4), CaseRouted.class));
    }

    private static SpecificRecord decode(String eventClass, byte[] event) {
        try {
            return StoredEvents.decode(event, Class.forName(eventClass).asSubclass(SpecificRecord.class));
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("A stored routing event of unknown type " + eventClass, e);
        }
    }

    /** Where in the outcomes topic a record was. */
    record Position(int partition, long offset) {
    }

    record Processed(Position position, RoutingOutcome decision) {
    }

    /** The outcome versions of one referral already routed, by version. */
    record RoutingHistory(Map<Integer, Processed> versions) {

        Optional<Processed> processed(int outcomeVersion) {
            return Optional.ofNullable(versions.get(outcomeVersion));
        }

        /** The highest outcome version routed, or 0 for none. */
        int latestVersion() {
            return versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        RoutingHistory without(int outcomeVersion) {
            Map<Integer, Processed> rest = new HashMap<>(versions);
            rest.remove(outcomeVersion);
            return new RoutingHistory(rest);
        }
    }

    /**
     * One outcome version's row in the routing record.
     *
     * @param topic the queue it was routed to, if any
     * @param reason why, in words an auditor reads (no personal data)
     */
    record RoutingRecord(UUID referralId, int outcomeVersion, RoutingOutcome decision, String topic, String team,
            String locality, String reason, Instant at, int partition, long offset) {
    }
}
