package uk.mash.triage;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import uk.mash.events.TaskKind;

/**
 * Settings of MASH triage, bound from {@code referrals.triage.*}.
 *
 * @param section47ReviewWithin how soon a MASH worker must review a section 47 recommendation
 * @param confirmWithin how soon a MASH worker must confirm or override any other recommendation
 * @param collatedReviewWithin how soon a MASH worker must review concerns collated from several agencies
 * @param writtenFollowUpReviewWithin how soon a MASH worker must read a telephone referral's written follow-up that
 *     the rules do not recommend a section 47 enquiry for, from when it was received, and likewise a telephone
 *     referral reaching triage after its written follow-up, from when the call was recorded
 * @param rulePacks where the threshold rule packs are and which is in force for each local authority
 * @param collation when referrals about the same child from different agencies are taken together
 * @param matching how a referral's child is matched to earlier referrals and open cases
 * @param taskInHandFor how long after a MASH worker opens a task the other workers are shown it as in their hands
 */
@ConfigurationProperties("referrals.triage")
public record TriageSettings(
        @DefaultValue("1h") Duration section47ReviewWithin,
        @DefaultValue("8h") Duration confirmWithin,
        @DefaultValue("4h") Duration collatedReviewWithin,
        @DefaultValue("4h") Duration writtenFollowUpReviewWithin,
        @DefaultValue RulePacks rulePacks,
        @DefaultValue Collation collation,
        @DefaultValue Matching matching,
        @DefaultValue("30m") Duration taskInHandFor) {

    /** How soon a MASH worker must do a task of this kind. */
    public Duration within(TaskKind kind) {
        return switch (kind) {
            case REVIEW_SECTION_47 -> section47ReviewWithin;
            case REVIEW_COLLATED_CONCERNS -> collatedReviewWithin;
            case REVIEW_WRITTEN_FOLLOW_UP -> writtenFollowUpReviewWithin;
            case CONFIRM_OUTCOME -> confirmWithin;
        };
    }

    /**
     * @param locations Spring resource pattern of the pack files
     * @param zone the time zone in which a referral's received date is compared with effective dates
     * @param inForce for each local authority code, the packs with the date each came into force
     */
    public record RulePacks(@DefaultValue("classpath*:rule-packs/*.yaml") String locations,
            @DefaultValue("Europe/London") ZoneId zone, @DefaultValue Map<String, List<InForce>> inForce) {
    }

    /**
     * @param pack the pack id
     * @param version the pack version; the highest loaded version of the pack when not given
     * @param from the first day (in {@link RulePacks#zone()}) on which referrals are decided by it
     */
    public record InForce(String pack, String version, LocalDate from) {
    }

    /**
     * @param window how far back referrals about the same child are taken together
     * @param minimumAgencies how many different agencies (this referral's included) make concerns collated
     */
    public record Collation(@DefaultValue("30d") Duration window, @DefaultValue("3") int minimumAgencies) {
    }

    /**
     * @param secret key of the HMAC under which the child's identifiers are kept for matching, never in clear; the one
     *     setting without a default, because a default would be public (see {@code ChildIdentifiers})
     */
    public record Matching(String secret) {
    }
}
