package uk.mash.router.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.CaseRouted;
import uk.mash.events.Priority;
import uk.mash.events.RoutingAction;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.topics.TopicCatalogue;
import uk.mash.router.RouterSettings;
import uk.mash.router.registry.CaseRegistry;
import uk.mash.router.routing.RoutingRecords.Position;
import uk.mash.router.routing.RoutingRecords.Processed;
import uk.mash.router.routing.RoutingRecords.RoutingHistory;
import uk.mash.router.routing.RoutingRecords.RoutingRecord;

/**
 * Routes one outcome version and keeps the routing record. A superseding outcome withdraws the case from the queue
 * an earlier one put it on and routes it to its new queue; one that leaves the case on the same queue and team sends
 * it again only when it raises the priority, and otherwise sends nothing. Effectively once: a redelivery of the same
 * Kafka record re-sends the stored records; a duplicate from another offset, or an outcome older than one already
 * routed, sends nothing, unless the outcome was dead-lettered: republished, it is routed afresh (how operations
 * replay it once the routing table is put right).
 */
@Service
class CaseRouter {

    private static final Logger log = LoggerFactory.getLogger(CaseRouter.class);

    private final RoutingTable table;
    private final RoutingRecords records;
    private final CaseRegistry registry;
    private final UnroutableOutcomes unroutable;
    private final AuditTrail audit;
    private final RouterSettings settings;
    private final TopicCatalogue topics;
    private final Clock clock;
    private final MeterRegistry meters;

    CaseRouter(RoutingTable table, RoutingRecords records, CaseRegistry registry, UnroutableOutcomes unroutable,
            AuditTrail audit, RouterSettings settings, TopicCatalogue topics, Clock clock, MeterRegistry meters) {
        this.table = table;
        this.records = records;
        this.registry = registry;
        this.unroutable = unroutable;
        this.audit = audit;
        this.settings = settings;
        this.topics = topics;
        this.clock = clock;
        this.meters = meters;
    }

    /** Reads what routing the poll's outcomes need in a few statements for the whole poll, not a few each. */
    @Transactional
    void prepare(List<TriageOutcomeIssued> poll) {
        List<UUID> referrals = poll.stream().map(TriageOutcomeIssued::getReferralId).toList();
        records.preload(referrals);
        registry.preloadOpenedBy(referrals);
    }

    @Transactional
    List<Outgoing> route(TriageOutcomeIssued outcome, int partition, long offset) {
        UUID referralId = outcome.getReferralId();
        int version = outcome.getOutcomeVersion();
        RoutingHistory history = records.history(referralId);
        Optional<Processed> seen = history.processed(version);
        if (seen.isPresent()) {
            if (seen.get().position().equals(new Position(partition, offset))) {
                return records.sentFor(referralId, version, topics.triageOutcomes());
            }
            if (seen.get().decision() != RoutingOutcome.DEAD_LETTERED) {
                return List.of();
            }
            records.forget(referralId, version);
            history = history.without(version);
        }
        Routing routing = new Routing(outcome, partition, offset, clock.instant());
        int latest = history.latestVersion();
        if (version < latest) {
            return routing.finish(RoutingOutcome.STALE, null, "older than v" + latest + ", which stands",
                    List.of());
        }
        RoutingDecision decision = table.decide(outcome, registry::openCaseOf);
        Optional<RouteInForce> inForce = records.inForce(referralId);
        if (decision instanceof RoutingDecision.Routed routed) {
            return routed(routing, routed, inForce);
        }
        if (decision instanceof RoutingDecision.BackToReferrer back) {
            return backToReferrer(routing, back.why(), inForce);
        }
        if (decision instanceof RoutingDecision.Unroutable unroutableDecision) {
            return deadLettered(routing, unroutableDecision);
        }
        return routing.finish(RoutingOutcome.NOT_ROUTED, null,
                ((RoutingDecision.AwaitingDecision) decision).why(), List.of());
    }

    private List<Outgoing> routed(Routing routing, RoutingDecision.Routed decision, Optional<RouteInForce> inForce) {
        Route route = decision.route();
        if (inForce.isPresent() && route.sameDestinationAs(inForce.get().topic(), inForce.get().team())) {
            return sameDestination(routing, route, inForce.get());
        }
        List<Outgoing> sent = new ArrayList<>();
        inForce.ifPresent(old -> sent.add(withdrawal(old, routing.at())));
        CaseRouted routed = caseFor(routing.outcome(), route, routing.at(), deadlineOf(routing));
        int routedSeq = sent.size();
        sent.add(Outgoing.of(route.topic(), routed.getReferralId().toString(), routed));
        sent.addAll(registryChanges(routing.outcome(),
                route.queue().opensCase() ? Optional.of(route.team()) : Optional.empty()));
        if (decision.reliedOnCase() != null) {
            registry.relyOn(decision.reliedOnCase(), routing.outcome().getReferralId());
        }
        meters.counter("router.cases.routed", "queue", route.topic()).increment();
        List<Outgoing> recorded = routing.finish(inForce.isPresent() ? RoutingOutcome.REROUTED : RoutingOutcome.ROUTED,
                route, inForce.map(old -> "withdrawn from " + old.team() + ", routed to " + route.team())
                        .orElse("routed to " + route.team()),
                sent);
        // after the routing record, whose stored case the route refers to
        records.placeInForce(routed, route.topic(), route.locality(), routedSeq);
        return recorded;
    }

    /**
     * A later outcome for the team that already has the case. The team is sent it again only when it raises the
     * priority (a MASH worker finding immediate risk in a case routed as urgent): the team must learn of the finding
     * and work to the shorter act-within, though never to a later deadline than the one it has. At the same or a
     * lower priority nothing is sent, so a confirmation never relaxes a team's deadline.
     */
    private List<Outgoing> sameDestination(Routing routing, Route route, RouteInForce inForce) {
        CaseRouted current = inForce.routed();
        if (!moreUrgent(routing.outcome().getPriority(), current.getPriority())) {
            return routing.finish(RoutingOutcome.UNCHANGED, route,
                    "stays with " + route.team() + " as routed for v" + inForce.outcomeVersion(), List.of());
        }
        Instant deadline = deadlineOf(routing);
        CaseRouted escalated = caseFor(routing.outcome(), route, routing.at(),
                deadline.isBefore(current.getDeadline()) ? deadline : current.getDeadline());
        List<Outgoing> recorded = routing.finish(RoutingOutcome.ESCALATED, route,
                "stays with " + route.team() + ", priority " + current.getPriority() + " as routed for v"
                        + inForce.outcomeVersion() + " raised to " + escalated.getPriority(),
                List.of(Outgoing.of(route.topic(), escalated.getReferralId().toString(), escalated)));
        records.placeInForce(escalated, route.topic(), route.locality(), 0);
        return recorded;
    }

    /** Priority's symbols run from the least urgent to the most. */
    private static boolean moreUrgent(Priority later, Priority inForce) {
        return later.compareTo(inForce) > 0;
    }

    private List<Outgoing> backToReferrer(Routing routing, String why, Optional<RouteInForce> inForce) {
        if (inForce.isEmpty()) {
            return routing.finish(RoutingOutcome.NOT_ROUTED, null, why, List.of());
        }
        List<Outgoing> sent = new ArrayList<>();
        sent.add(withdrawal(inForce.get(), routing.at()));
        records.removeInForce(routing.outcome().getReferralId());
        sent.addAll(registryChanges(routing.outcome(), Optional.empty()));
        return routing.finish(RoutingOutcome.WITHDRAWN, null, why + ": withdrawn from " + inForce.get().team(),
                sent);
    }

    private List<Outgoing> deadLettered(Routing routing, RoutingDecision.Unroutable decision) {
        unroutable.count(decision.reason());
        log.warn("Outcome v{} of referral {} is unroutable ({}); sent to the dead-letter topic",
                routing.outcome().getOutcomeVersion(), routing.outcome().getReferralId(), decision.reason());
        String sourceTopic = topics.triageOutcomes();
        Outgoing deadLetter = new Outgoing(TopicCatalogue.deadLetterTopicOf(sourceTopic),
                routing.outcome().getReferralId().toString(), routing.outcome(), new Outgoing.Unrouted(
                        decision.reason(), decision.detail(), sourceTopic, routing.partition(), routing.offset()));
        return routing.finish(RoutingOutcome.DEAD_LETTERED, null, decision.reason() + ": " + decision.detail(),
                List.of(deadLetter));
    }

    private List<Outgoing> registryChanges(TriageOutcomeIssued outcome, Optional<String> cscTeam) {
        return registry.afterRouting(outcome, cscTeam, this::cscTeamOf).stream()
                .map(change -> Outgoing.of(topics.caseRegistry(), change.getCaseId().toString(), change))
                .toList();
    }

    private Optional<String> cscTeamOf(UUID referralId) {
        return records.inForce(referralId).filter(route -> Arrays.stream(Queue.values())
                .filter(Queue::childrensSocialCare).anyMatch(queue -> queue.topicIn(topics).equals(route.topic())))
                .map(RouteInForce::team);
    }

    private static Outgoing withdrawal(RouteInForce old, Instant now) {
        CaseRouted withdrawn = CaseRouted.newBuilder(old.routed())
                .setEventId(UUID.randomUUID())
                .setAction(RoutingAction.WITHDRAWN)
                .setRoutedAt(now)
                .build();
        return Outgoing.of(old.topic(), withdrawn.getReferralId().toString(), withdrawn);
    }

    private CaseRouted caseFor(TriageOutcomeIssued outcome, Route route, Instant now, Instant deadline) {
        return CaseRouted.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(outcome.getReferralId())
                .setOutcomeVersion(outcome.getOutcomeVersion())
                .setAction(RoutingAction.ROUTED)
                .setRoutedAt(now)
                .setLocalAuthority(outcome.getReferral().getLocalAuthority())
                .setTeam(route.team())
                .setLocality(route.locality())
                .setOutcome(outcome.getOutcome())
                .setLevelOfNeed(outcome.getLevelOfNeed())
                .setPriority(outcome.getPriority())
                .setDeadline(deadline)
                .setReasons(outcome.getReasons())
                .setChildKey(outcome.getChildKey())
                .setReferral(outcome.getReferral())
                .setAllocatedSocialWorker(route.queue() == Queue.CSC_ALLOCATED_WORKER
                        ? outcome.getAllocatedSocialWorker() : null)
                .build();
    }

    private Instant deadlineOf(Routing routing) {
        return routing.at().plus(actWithin(routing.outcome()));
    }

    private Duration actWithin(TriageOutcomeIssued outcome) {
        return switch (outcome.getPriority()) {
            case IMMEDIATE -> settings.actWithin().immediate();
            case URGENT -> settings.actWithin().urgent();
            case ROUTINE -> settings.actWithin().routine();
        };
    }

    /** One outcome being routed: finishing it writes the routing record and the audit trail. */
    private final class Routing {

        private final TriageOutcomeIssued outcome;
        private final int partition;
        private final long offset;
        private final Instant at;

        Routing(TriageOutcomeIssued outcome, int partition, long offset, Instant at) {
            this.outcome = outcome;
            this.partition = partition;
            this.offset = offset;
            this.at = at;
        }

        List<Outgoing> finish(RoutingOutcome decision, Route route, String reason, List<Outgoing> sent) {
            records.record(new RoutingRecord(outcome.getReferralId(), outcome.getOutcomeVersion(), decision,
                    route == null ? null : route.topic(), route == null ? null : route.team(),
                    route == null ? null : route.locality(), reason, at, partition, offset), sent);
            audit.record("CASE_" + decision.name(), outcome.getReferralId(), outcome.getOutcome() + " v"
                    + outcome.getOutcomeVersion() + " " + outcome.getStatus() + ": " + reason);
            return sent;
        }

        TriageOutcomeIssued outcome() {
            return outcome;
        }

        int partition() {
            return partition;
        }

        long offset() {
            return offset;
        }

        Instant at() {
            return at;
        }
    }
}
