package uk.mash.localstack;

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

/**
 * Test data builder for a referral as an agency system submits it, about one fictional child. Defaults make a valid
 * Early Help case with consent from the demo police agency, under a fresh agency reference. The child's details are
 * constants so that tests can show they never reach a referrer, a log or a queue they should not. Triage collates
 * concerns about one child from three agencies within its window and holds them for a MASH worker, so a test that
 * needs a confirmed outcome whatever ran before it in its class names a child of its own ({@link #aboutChild}).
 */
public final class ReferralSubmissions {

    public static final String CHILD_GIVEN_NAMES = "Robin";
    public static final String CHILD_FAMILY_NAME = "Example";
    public static final String CHILD_NHS_NUMBER = "9434765919";
    public static final String CHILD_ADDRESS_LINE = "2 Example Road";
    public static final String CHILD_POSTCODE = "PE1 2AB";
    public static final String CHILD_SCHOOL = "Example Academy";

    private String agencyReference = "E2E-" + UUID.randomUUID();
    private String agencyCode = DemoClients.POLICE.agencyCode();
    private String localAuthority = "peterborough";
    private List<String> indicators = List.of("SOME_DOMESTIC_ABUSE");
    private String concern = "Police attended a domestic incident at the home; the child was present.";
    private ConsentStatus consent = ConsentStatus.GIVEN;
    private boolean immediateRisk;
    private String familyName = CHILD_FAMILY_NAME;
    private String givenNames = CHILD_GIVEN_NAMES;
    private String nhsNumber = CHILD_NHS_NUMBER;
    private String postcode = CHILD_POSTCODE;
    private boolean referrerEmail = true;

    public static ReferralSubmissions aReferral() {
        return new ReferralSubmissions();
    }

    /** From one of the local stack's demo agency systems. */
    public ReferralSubmissions from(DemoClients agency) {
        return from(agency.agencyCode());
    }

    /** From an agency that has no demo client, such as a health trust known only by its code. */
    public ReferralSubmissions from(String agencyCode) {
        this.agencyCode = agencyCode;
        return this;
    }

    /** From a referrer who gave a telephone number and no email address. */
    public ReferralSubmissions withoutReferrerEmail() {
        this.referrerEmail = false;
        return this;
    }

    public ReferralSubmissions withAgencyReference(String reference) {
        this.agencyReference = reference;
        return this;
    }

    public ReferralSubmissions inLocalAuthority(String localAuthority) {
        this.localAuthority = localAuthority;
        return this;
    }

    public ReferralSubmissions withIndicators(String... codes) {
        this.indicators = List.of(codes);
        return this;
    }

    public ReferralSubmissions withConcern(String natureOfConcern) {
        this.concern = natureOfConcern;
        return this;
    }

    /** Abuse or neglect suspected and consent not sought, because seeking it would put the child at risk. */
    public ReferralSubmissions withImmediateRisk() {
        this.immediateRisk = true;
        this.indicators = List.of("ABUSE_OR_NEGLECT_SUSPECTED");
        this.consent = ConsentStatus.NOT_SOUGHT_RISK_OF_HARM;
        return this;
    }

    /**
     * The child, matched across referrals by NHS number, or by first given name, family name, date of birth and
     * postcode when there is no NHS number ({@code null}).
     */
    public ReferralSubmissions aboutChild(String familyName, String nhsNumber) {
        this.familyName = familyName;
        this.nhsNumber = nhsNumber;
        return this;
    }

    public ReferralSubmissions withoutNames() {
        this.familyName = null;
        this.givenNames = null;
        return this;
    }

    public ReferralSubmissions withNhsNumber(String nhsNumber) {
        this.nhsNumber = nhsNumber;
        return this;
    }

    public ReferralSubmissions livingAt(String postcode) {
        this.postcode = postcode;
        return this;
    }

    public String agencyReference() {
        return agencyReference;
    }

    public ReferralSubmitted build() {
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReference)
                .setSubmittedAt(Instant.now())
                .setLocalAuthority(localAuthority)
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(referrer())
                .setChild(child())
                .setNatureOfConcern(concern)
                .setIndicatorCodes(indicators)
                .setImmediateRiskOfSignificantHarm(immediateRisk)
                .setConsent(consent)
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE)
                .build();
    }

    private Referrer referrer() {
        Referrer.Builder referrer = Referrer.newBuilder().setAgencyCode(agencyCode).setKind(ReferrerKind.PROFESSIONAL);
        if (DemoClients.POLICE.agencyCode().equals(agencyCode)) {
            return referrer.setRole("Police constable").setName("PC Example").setEmail("pc.example@police.example")
                    .build();
        }
        if (DemoClients.SCHOOL.agencyCode().equals(agencyCode)) {
            return referrer.setRole("Designated safeguarding lead").setName("DSL Example")
                    .setEmail("dsl@school.example").build();
        }
        return referrer.setRole("Safeguarding lead").setName("A Professional")
                .setEmail(referrerEmail ? "safeguarding@agency.example" : null)
                .setPhone(referrerEmail ? null : "01733 000000").build();
    }

    private Child child() {
        Child child = new Child();
        child.setGivenNames(givenNames);
        child.setFamilyName(familyName);
        child.setDateOfBirth(LocalDate.of(2016, 5, 20));
        child.setAddress(new Address(List.of(CHILD_ADDRESS_LINE), "Peterborough", postcode, null));
        child.setNhsNumber(nhsNumber);
        child.setDisabilities(List.of());
        child.setSchoolOrSetting(CHILD_SCHOOL);
        return child;
    }
}
