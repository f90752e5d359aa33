package uk.mash.localstack;

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

/** Test data builder for submissions as an agency system publishes them; defaults make a valid Early Help case. */
final class ReferralSubmissions {

    private String agencyReference = "POL-" + System.nanoTime();
    private String agencyCode = DemoClients.POLICE.agencyCode();
    private List<String> indicators = List.of("SOME_DOMESTIC_ABUSE");
    private ConsentStatus consent = ConsentStatus.GIVEN;
    private boolean immediateRisk;
    private String familyName = "Example";
    private String nhsNumber = "9434765919";

    static ReferralSubmissions aReferral() {
        return new ReferralSubmissions();
    }

    ReferralSubmissions withAgencyReference(String reference) {
        this.agencyReference = reference;
        return this;
    }

    ReferralSubmissions withImmediateRisk() {
        this.immediateRisk = true;
        this.indicators = List.of("ABUSE_OR_NEGLECT_SUSPECTED");
        this.consent = ConsentStatus.NOT_SOUGHT_RISK_OF_HARM;
        return this;
    }

    ReferralSubmissions withoutFamilyName() {
        this.familyName = null;
        return this;
    }

    ReferralSubmissions withNhsNumber(String nhsNumber) {
        this.nhsNumber = nhsNumber;
        return this;
    }

    ReferralSubmitted build() {
        Child child = new Child();
        child.setGivenNames("Sam");
        child.setFamilyName(familyName);
        child.setDateOfBirth(LocalDate.of(2016, 5, 20));
        child.setAddress(new Address(List.of("2 Example Road"), "Peterborough", "PE1 2AB"));
        child.setNhsNumber(nhsNumber);
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Example Academy");
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReference)
                .setSubmittedAt(Instant.now())
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(Referrer.newBuilder()
                        .setAgencyCode(agencyCode)
                        .setKind(ReferrerKind.PROFESSIONAL)
                        .setRole("Police constable")
                        .setName("PC Example")
                        .setEmail("pc.example@police.example")
                        .build())
                .setChild(child)
                .setNatureOfConcern("Police attended a domestic incident at the home; the child was present.")
                .setIndicatorCodes(indicators)
                .setImmediateRiskOfSignificantHarm(immediateRisk)
                .setConsent(consent)
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE)
                .build();
    }
}
