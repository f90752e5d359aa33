package uk.mash.intake.api;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferrerKind;

/**
 * A referral as agency systems send it over REST: the same fields as the {@code ReferralSubmitted} event but its
 * channel, which is the way the referral came in, and when it was submitted, which over REST is when intake took it.
 * Validation happens on the event, so both ways in obey the same rules. A property not named here is refused
 * ({@link ReferralBodyReader}); {@code channel} and {@code submittedAt}, which agency systems built on the event send,
 * are known and ignored, so a written referral can never claim to be a telephone one nor to have been sent earlier.
 */
@JsonIgnoreProperties({ "channel", "submittedAt" })
public record ReferralRequest(
        String agencyReference,
        String localAuthority,
        ReferrerPart referrer,
        ChildPart child,
        List<PersonPart> siblings,
        List<PersonPart> householdMembers,
        List<PersonPart> parentsOrCarers,
        String natureOfConcern,
        String impactOnChild,
        List<String> indicatorCodes,
        Boolean immediateRiskOfSignificantHarm,
        Boolean parentsInformed,
        ConsentStatus consent,
        String childViews,
        Boolean gillickCompetent,
        EarlyHelpAssessmentStatus earlyHelpAssessment,
        String supportAlreadyProvided,
        String strengthsAndResilience,
        String desiredOutcome) {

    public record ReferrerPart(String agencyCode, String agencyName, ReferrerKind kind, String role, String name,
            String email, String phone, Boolean anonymous) {
    }

    public record ChildPart(String givenNames, String familyName, LocalDate dateOfBirth, LocalDate expectedDueDate,
            String gender, AddressPart address, String nhsNumber, String ethnicity, String firstLanguage,
            List<String> disabilities, String schoolOrSetting, String currentLocation) {
    }

    public record AddressPart(List<String> lines, String town, String postcode, String country) {
    }

    public record PersonPart(String name, String relationship, LocalDate dateOfBirth, AddressPart address, String phone,
            Boolean hasParentalResponsibility) {
    }
}
