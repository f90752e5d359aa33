package uk.mash.router.routing;

import java.util.Optional;

import org.springframework.stereotype.Component;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Which queue an outcome belongs on. Only decisions that stand are routed: confirmed outcomes, and a provisional
 * section 47 enquiry, which must not wait for the MASH worker. A referral returned for consent goes back to the
 * referrer, not to a team.
 */
@Component
class RoutingTable {

    private final TopicCatalogue topics;

    RoutingTable(TopicCatalogue topics) {
        this.topics = topics;
    }

    Optional<Route> routeFor(TriageOutcomeIssued outcome) {
        boolean stands = outcome.getStatus() == OutcomeStatus.CONFIRMED
                || outcome.getStatus() == OutcomeStatus.PROVISIONAL
                        && outcome.getOutcome() == OutcomeType.SECTION_47_ENQUIRY;
        if (!stands) {
            return Optional.empty();
        }
        String authority = outcome.getReferral().getLocalAuthority();
        return switch (outcome.getOutcome()) {
            case EARLY_HELP -> Optional.of(new Route(topics.earlyHelpCases(), "early-help-" + authority));
            case SECTION_17_ASSESSMENT -> Optional.of(new Route(topics.cscAssessments(),
                    "csc-assessment-" + authority));
            case SECTION_47_ENQUIRY -> Optional.of(new Route(topics.cscChildProtection(),
                    "csc-child-protection-" + authority));
            case SINGLE_AGENCY -> Optional.of(new Route(topics.singleAgencyReferrals(),
                    String.valueOf(outcome.getIdentifiedOrganisation())));
            case ALLOCATED_SOCIAL_WORKER -> Optional.of(new Route(topics.cscAssessments(),
                    "allocated-social-worker-" + authority));
            case RETURNED_FOR_CONSENT -> Optional.empty();
        };
    }
}
