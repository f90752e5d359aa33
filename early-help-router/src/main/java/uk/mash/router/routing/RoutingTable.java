package uk.mash.router.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.topics.TopicCatalogue;
import uk.mash.router.RouterSettings;
import uk.mash.router.RouterSettings.AuthorityTable;
import uk.mash.router.RouterSettings.QueueEntry;
import uk.mash.router.localities.LocalityLookup;
import uk.mash.router.registry.OpenCase;

/**
 * Which queue and team an outcome belongs to, from the routing tables in {@code referrals.router.authorities}. Only
 * decisions that stand are routed: confirmed outcomes, and a provisional section 47 enquiry, which must not wait for
 * the MASH worker. A referral returned for consent goes back to the referrer, never to a team. The tables are checked
 * when the service starts, and a broken table stops it starting.
 */
@Component
class RoutingTable {

    static final String LOCALITY = "{locality}";
    static final String IDENTIFIED_ORGANISATION = "{identified-organisation}";
    static final String ALLOCATED_TEAM = "{allocated-team}";

    private static final Set<String> PLACEHOLDERS = Set.of(LOCALITY, IDENTIFIED_ORGANISATION, ALLOCATED_TEAM);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    private final Map<String, AuthorityTable> authorities;
    private final Map<String, LocalityLookup> localities = new HashMap<>();
    private final TopicCatalogue topics;

    RoutingTable(RouterSettings settings, TopicCatalogue topics) {
        List<String> problems = problemsOf(settings);
        if (!problems.isEmpty()) {
            throw new InvalidRoutingTableException(problems);
        }
        this.authorities = Map.copyOf(settings.authorities());
        this.topics = topics;
        authorities.forEach((authority, table) -> localities.put(authority, LocalityLookup.of(table.localities())));
    }

    RoutingDecision decide(TriageOutcomeIssued outcome, AllocatedTeams allocatedTeams) {
        if (outcome.getStatus() == OutcomeStatus.SUPERSEDED) {
            return new RoutingDecision.AwaitingDecision("superseded by a later outcome");
        }
        if (outcome.getStatus() == OutcomeStatus.PROVISIONAL
                && outcome.getOutcome() != OutcomeType.SECTION_47_ENQUIRY) {
            return new RoutingDecision.AwaitingDecision("provisional: waits for a MASH worker to confirm it");
        }
        if (outcome.getOutcome() == OutcomeType.RETURNED_FOR_CONSENT) {
            return new RoutingDecision.BackToReferrer("returned to the referrer for consent");
        }
        String authority = outcome.getReferral().getLocalAuthority();
        AuthorityTable table = authorities.get(authority);
        if (table == null) {
            return unroutable(UnroutableReason.UNKNOWN_LOCAL_AUTHORITY, "no routing table for " + authority);
        }
        QueueEntry entry = table.outcomes().get(outcome.getOutcome());
        if (entry == null) {
            return unroutable(UnroutableReason.NO_TABLE_ENTRY,
                    "no entry for " + outcome.getOutcome() + " in the routing table of " + authority);
        }
        String team = entry.team();
        String locality = null;
        if (team.contains(LOCALITY)) {
            String postcode = outcome.getReferral().getChild().getAddress() == null ? null
                    : outcome.getReferral().getChild().getAddress().getPostcode();
            Optional<String> found = localities.get(authority).localityOf(postcode);
            if (found.isEmpty()) {
                return postcode == null || postcode.isBlank()
                        ? unroutable(UnroutableReason.NO_POSTCODE,
                                "no postcode to choose a locality of " + authority + " and no default locality")
                        : unroutable(UnroutableReason.UNKNOWN_LOCALITY,
                                "no locality of " + authority + " for the child's postcode and no default locality");
            }
            locality = found.get();
            team = team.replace(LOCALITY, locality);
        }
        if (team.contains(IDENTIFIED_ORGANISATION)) {
            String organisation = outcome.getIdentifiedOrganisation();
            if (organisation == null || organisation.isBlank()) {
                return unroutable(UnroutableReason.NO_IDENTIFIED_ORGANISATION,
                        "a single-agency referral without an identified organisation");
            }
            team = team.replace(IDENTIFIED_ORGANISATION, organisation);
        }
        OpenCase reliedOn = null;
        if (team.contains(ALLOCATED_TEAM)) {
            Optional<OpenCase> allocated = allocatedTeams.openCaseOf(authority, outcome.getAllocatedCaseId(),
                    outcome.getChildKey());
            if (allocated.isEmpty()) {
                return unroutable(UnroutableReason.NO_OPEN_CASE,
                        "no case open to Children's Social Care in " + authority + " for the child");
            }
            reliedOn = allocated.get();
            team = team.replace(ALLOCATED_TEAM, reliedOn.team());
        }
        return new RoutingDecision.Routed(new Route(entry.queue(), entry.queue().topicIn(topics), team, locality),
                reliedOn == null ? null : reliedOn.caseId());
    }

    private static RoutingDecision unroutable(UnroutableReason reason, String detail) {
        return new RoutingDecision.Unroutable(reason, detail);
    }

    /** Every problem with the tables at once, each naming the setting to put right. */
    static List<String> problemsOf(RouterSettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.authorities().isEmpty()) {
            problems.add("referrals.router.authorities is empty: no outcome could be routed");
        }
        settings.authorities().forEach((authority, table) -> {
            String prefix = "referrals.router.authorities." + authority;
            if (!table.outcomes().containsKey(OutcomeType.SECTION_47_ENQUIRY)) {
                problems.add(prefix + ".outcomes has no entry for SECTION_47_ENQUIRY: a child protection enquiry "
                        + "must always have a queue");
            }
            table.outcomes().forEach((outcome, entry) -> problems.addAll(
                    problemsOf(prefix + ".outcomes." + outcome, outcome, entry, table)));
            problems.addAll(LocalityLookup.problemsOf(prefix + ".localities", table.localities()));
        });
        return problems;
    }

    private static List<String> problemsOf(String prefix, OutcomeType outcome, QueueEntry entry,
            AuthorityTable table) {
        List<String> problems = new ArrayList<>();
        if (outcome == OutcomeType.RETURNED_FOR_CONSENT) {
            problems.add(prefix + ": a referral returned for consent goes back to the referrer, never to a queue");
        }
        if (entry.queue() == null) {
            problems.add(prefix + ".queue is missing (one of " + List.of(Queue.values()) + ")");
        }
        if (entry.team() == null || entry.team().isBlank()) {
            problems.add(prefix + ".team is missing");
            return problems;
        }
        Matcher placeholders = PLACEHOLDER.matcher(entry.team());
        while (placeholders.find()) {
            if (!PLACEHOLDERS.contains(placeholders.group())) {
                problems.add(prefix + ".team names " + placeholders.group() + "; a team may name only "
                        + List.of(LOCALITY, IDENTIFIED_ORGANISATION, ALLOCATED_TEAM));
            }
        }
        if (entry.team().contains(LOCALITY) && LocalityLookup.of(table.localities()).isEmpty()) {
            problems.add(prefix + ".team names " + LOCALITY + " but the authority has no localities");
        }
        return problems;
    }
}
