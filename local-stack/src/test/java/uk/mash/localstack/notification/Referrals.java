package uk.mash.localstack.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;
import uk.mash.localstack.DemoClients;

/**
 * Test data builder for a referral as the agency system publishes it: an Early Help case with consent, by default
 * from the demo police agency (which the local stack tells by event, SMTP email and webhook), or from the demo school
 * (told by event and by email through GOV.UK Notify).
 */
final class Referrals {

    static final String CHILD_FAMILY_NAME = "Example";
    static final String CHILD_NHS_NUMBER = "9434765919";
    static final String CHILD_POSTCODE = "PE1 2AB";

    private final String agencyReference;
    private DemoClients agency = DemoClients.POLICE;

    private Referrals(String agencyReference) {
        this.agencyReference = agencyReference;
    }

    static Referrals aPoliceReferral(String agencyReference) {
        return new Referrals(agencyReference);
    }

    static Referrals aSchoolReferral(String agencyReference) {
        Referrals referral = new Referrals(agencyReference);
        referral.agency = DemoClients.SCHOOL;
        return referral;
    }

    ReferralSubmitted build() {
        Child child = new Child();
        child.setGivenNames("Sam");
        child.setFamilyName(CHILD_FAMILY_NAME);
        child.setDateOfBirth(LocalDate.of(2016, 5, 20));
        child.setAddress(new Address(List.of("2 Example Road"), "Peterborough", CHILD_POSTCODE));
        child.setNhsNumber(CHILD_NHS_NUMBER);
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Example Academy");
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReference)
                .setSubmittedAt(Instant.now())
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(Referrer.newBuilder()
                        .setAgencyCode(agency.agencyCode())
                        .setKind(ReferrerKind.PROFESSIONAL)
                        .setRole(agency == DemoClients.SCHOOL ? "Designated safeguarding lead" : "Police constable")
                        .setName(agency == DemoClients.SCHOOL ? "DSL Example" : "PC Example")
                        .setEmail(agency == DemoClients.SCHOOL ? "dsl@school.example" : "pc.example@police.example")
                        .build())
                .setChild(child)
                .setNatureOfConcern("Police attended a domestic incident at the home; the child was present.")
                .setIndicatorCodes(List.of("SOME_DOMESTIC_ABUSE"))
                .setImmediateRiskOfSignificantHarm(false)
                .setConsent(ConsentStatus.GIVEN)
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE)
                .build();
    }
}
