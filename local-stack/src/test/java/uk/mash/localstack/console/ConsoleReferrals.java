package uk.mash.localstack.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;

/** Test data builder for a referral about one fictional child, as an agency system submits it. */
final class ConsoleReferrals {

    private final String agencyReference = "CONSOLE-" + UUID.randomUUID();
    private List<String> indicators = List.of("SOME_DOMESTIC_ABUSE");

    static ConsoleReferrals aReferral() {
        return new ConsoleReferrals();
    }

    ConsoleReferrals withIndicators(String... codes) {
        this.indicators = List.of(codes);
        return this;
    }

    String agencyReference() {
        return agencyReference;
    }

    ReferralSubmitted submitted() {
        Child child = new Child();
        child.setGivenNames("Robin");
        child.setFamilyName("Console" + System.nanoTime());
        child.setDateOfBirth(LocalDate.of(2015, 9, 1));
        child.setAddress(new Address(List.of("3 Fictional Close"), "Peterborough", "PE3 6AB"));
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Fictional Academy");
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReference)
                .setSubmittedAt(Instant.now())
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(Referrer.newBuilder()
                        .setAgencyCode("SCHOOL-0001")
                        .setKind(ReferrerKind.PROFESSIONAL)
                        .setRole("Designated safeguarding lead")
                        .setName("A Professional")
                        .setEmail("dsl@agency.example")
                        .build())
                .setChild(child)
                .setNatureOfConcern("The child has hurt younger children at school and at home.")
                .setIndicatorCodes(indicators)
                .setConsent(ConsentStatus.GIVEN)
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE)
                .build();
    }
}
