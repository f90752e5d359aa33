package uk.mash.router;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import uk.mash.events.OutcomeType;
import uk.mash.router.routing.Queue;

/**
 * Settings of the router, bound from {@code referrals.router.*}. The routing tables are checked at start-up by
 * {@code RoutingTable}; a broken table stops the service starting.
 *
 * @param actWithin how soon the receiving team must act, by priority
 * @param authorities the routing table of each local authority, by its code (e.g. {@code peterborough})
 */
@ConfigurationProperties("referrals.router")
public record RouterSettings(@DefaultValue ActWithin actWithin, @DefaultValue Map<String, AuthorityTable> authorities) {

    /**
     * @param immediate a section 47 enquiry: the child may be at immediate risk
     * @param urgent a section 17 assessment
     * @param routine Early Help and single-agency referrals
     */
    public record ActWithin(@DefaultValue("4h") Duration immediate, @DefaultValue("1d") Duration urgent,
            @DefaultValue("10d") Duration routine) {
    }

    /**
     * @param outcomes where each outcome of this authority's MASH goes
     * @param localities the localities whose names a team may carry ({@code {locality}}), chosen by the child's
     *     postcode
     */
    public record AuthorityTable(@DefaultValue Map<OutcomeType, QueueEntry> outcomes,
            @DefaultValue Localities localities) {
    }

    /**
     * @param queue the queue topic the case goes on
     * @param team the receiving team; may name {@code {locality}}, {@code {identified-organisation}} (single agency)
     *     or {@code {allocated-team}} (the team of the child's open case)
     */
    public record QueueEntry(Queue queue, String team) {
    }

    /**
     * @param defaultLocality the locality for a child whose postcode names no locality; none means such an Early Help
     *     case is unroutable
     * @param postcodes each locality's postcode districts ({@code PE2}) or sectors ({@code PE7 2}); a sector wins
     *     over its district
     */
    public record Localities(String defaultLocality, @DefaultValue Map<String, List<String>> postcodes) {
    }
}
