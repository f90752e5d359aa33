package uk.mash.localstack.triage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import uk.mash.events.Address;
import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseStatus;
import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;

/** Test data builder for referrals about one fictional child, as agencies submit them and as intake accepts them. */
final class TriageReferrals {

    private String agencyCode = "SCHOOL-0001";
    private String agencyReference = "E2E-" + UUID.randomUUID();
    private List<String> indicators = List.of("SOME_DOMESTIC_ABUSE");
    private String familyName = "Fairweather";
    private String nhsNumber;

    static TriageReferrals aReferral() {
        return new TriageReferrals();
    }

    TriageReferrals from(String agency) {
        this.agencyCode = agency;
        return this;
    }

    TriageReferrals withAgencyReference(String reference) {
        this.agencyReference = reference;
        return this;
    }

    TriageReferrals withIndicators(String... codes) {
        this.indicators = List.of(codes);
        return this;
    }

    /** The child, matched across referrals by family name, date of birth and postcode when there is no NHS number. */
    TriageReferrals aboutChild(String familyName, String nhsNumber) {
        this.familyName = familyName;
        this.nhsNumber = nhsNumber;
        return this;
    }

    ReferralSubmitted submitted() {
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReference)
                .setSubmittedAt(Instant.now())
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(Referrer.newBuilder()
                        .setAgencyCode(agencyCode)
                        .setKind(ReferrerKind.PROFESSIONAL)
                        .setRole("Designated safeguarding lead")
                        .setName("A Professional")
                        .setEmail("dsl@agency.example")
                        .build())
                .setChild(child())
                .setNatureOfConcern("The child has told staff about arguments at home and seems withdrawn.")
                .setIndicatorCodes(indicators)
                .setConsent(ConsentStatus.GIVEN)
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE)
                .build();
    }

    /** As intake would publish it once accepted. */
    ReferralReceived received(UUID referralId) {
        return ReferralReceived.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setReceivedAt(Instant.now())
                .setChildKey("e2e-" + familyName)
                .setReferral(submitted())
                .build();
    }

    /** The router's case registry: the child's case open to Children's Social Care with an allocated worker. */
    CaseRegistryChanged openCase(UUID caseId, String socialWorker) {
        return CaseRegistryChanged.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCaseId(caseId)
                .setStatus(CaseStatus.OPEN)
                .setOccurredAt(Instant.now())
                .setOpenedAt(Instant.now())
                .setOpenedByReferralId(UUID.randomUUID())
                .setLocalAuthority("peterborough")
                .setAllocatedTeam("csc-peterborough-family-support")
                .setAllocatedSocialWorker(socialWorker)
                .setChildKey("e2e-" + familyName)
                .setChild(child())
                .build();
    }

    private Child child() {
        Child child = new Child();
        child.setGivenNames("Robin");
        child.setFamilyName(familyName);
        child.setDateOfBirth(LocalDate.of(2015, 9, 1));
        child.setAddress(new Address(List.of("3 Fictional Close"), "Peterborough", "PE3 6AB"));
        child.setNhsNumber(nhsNumber);
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Fictional Academy");
        return child;
    }
}
