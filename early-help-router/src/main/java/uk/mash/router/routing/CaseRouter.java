package uk.mash.router.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.CaseRouted;
import uk.mash.events.RoutingAction;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.serde.StoredEvents;
import uk.mash.router.RouterSettings;

/**
 * Routes one outcome version and keeps the routing record. Effectively once: a redelivery of the same Kafka record
 * re-sends the stored case; a duplicate outcome from another offset sends nothing.
 */
@Service
class CaseRouter {

    private final RoutingTable table;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final RouterSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    CaseRouter(RoutingTable table, JdbcTemplate jdbc, AuditTrail audit, RouterSettings settings, Clock clock,
            MeterRegistry meters) {
        this.table = table;
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    Optional<RoutedCase> route(TriageOutcomeIssued outcome, int partition, long offset) {
        List<StoredRouting> stored = jdbc.query("select source_partition, source_offset, queue, event from routing "
                + "where referral_id = ? and outcome_version = ?",
                (rs, n) -> new StoredRouting(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)),
                outcome.getReferralId(), outcome.getOutcomeVersion());
        if (!stored.isEmpty()) {
            StoredRouting previous = stored.get(0);
            boolean redelivery = previous.partition() == partition && previous.offset() == offset;
            return redelivery && previous.event() != null
                    ? Optional.of(new RoutedCase(previous.queue(),
                            StoredEvents.decode(previous.event(), CaseRouted.class)))
                    : Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Route> route = table.routeFor(outcome);
        CaseRouted routed = route.map(r -> caseFor(outcome, r, now)).orElse(null);
        jdbc.update("insert into routing (referral_id, outcome_version, queue, team, decision, routed_at, "
                + "source_partition, source_offset, event) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                outcome.getReferralId(), outcome.getOutcomeVersion(), route.map(Route::queue).orElse(null),
                route.map(Route::team).orElse(null), route.isPresent() ? "ROUTED" : "NOT_ROUTED",
                Timestamp.from(now), partition, offset, routed == null ? null : StoredEvents.encode(routed));
        audit.record(route.isPresent() ? "CASE_ROUTED" : "CASE_NOT_ROUTED", outcome.getReferralId(),
                outcome.getOutcome() + " v" + outcome.getOutcomeVersion() + " " + outcome.getStatus()
                        + route.map(r -> " to " + r.team()).orElse(""));
        route.ifPresent(r -> meters.counter("router.cases.routed", "queue", r.queue()).increment());
        return route.map(r -> new RoutedCase(r.queue(), routed));
    }

    private CaseRouted caseFor(TriageOutcomeIssued outcome, Route route, Instant now) {
        return CaseRouted.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(outcome.getReferralId())
                .setOutcomeVersion(outcome.getOutcomeVersion())
                .setAction(RoutingAction.ROUTED)
                .setRoutedAt(now)
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setTeam(route.team())
                .setOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setPriority(outcome.getPriority())
                .setDeadline(now.plus(actWithin(outcome)))
                .setReasons(outcome.getReasons())
                .setChildKey(outcome.getChildKey())
                .setReferral(outcome.getReferral())
                .build();
    }

    private Duration actWithin(TriageOutcomeIssued outcome) {
        return switch (outcome.getPriority()) {
            case IMMEDIATE -> settings.actWithin().immediate();
            case URGENT -> settings.actWithin().urgent();
            case ROUTINE -> settings.actWithin().routine();
        };
    }

    record RoutedCase(String queue, CaseRouted event) {
    }

    private record StoredRouting(int partition, long offset, String queue, byte[] event) {
    }
}
