package uk.mash.triage.rules;

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

/**
 * Fictional referrals as triage receives them: already accepted by intake, so only what the threshold rules read
 * (indicators, consent, the referrer's view of immediate risk, the child's school) needs varying.
 */
public final class Submissions {

    static final String SCHOOL = "Fictional Primary School";

    private final ReferralSubmitted referral = new ReferralSubmitted();
    private final Child child = new Child();

    private Submissions() {
        Referrer referrer = new Referrer();
        referrer.setAgencyCode("URN110789");
        referrer.setAgencyName(SCHOOL);
        referrer.setKind(ReferrerKind.PROFESSIONAL);
        referrer.setRole("Designated safeguarding lead");
        referrer.setName("Jo Teacher");
        referrer.setEmail("dsl@fictional-primary.example");
        referrer.setAnonymous(false);

        Address address = new Address();
        address.setLines(List.of("12 Fictional Road"));
        address.setTown("Peterborough");
        address.setPostcode("PE1 2AB");

        child.setGivenNames("Alex");
        child.setFamilyName("Fairweather");
        child.setDateOfBirth(LocalDate.of(2017, 3, 14));
        child.setAddress(address);
        child.setNhsNumber("9434765919");
        child.setDisabilities(List.of());
        child.setSchoolOrSetting(SCHOOL);

        referral.setAgencyReference("URN110789-2026-0417");
        referral.setSubmittedAt(Instant.parse("2026-11-24T09:15:00Z"));
        referral.setLocalAuthority("peterborough");
        referral.setChannel(ReferralChannel.EVENT);
        referral.setReferrer(referrer);
        referral.setChild(child);
        referral.setSiblings(List.of());
        referral.setHouseholdMembers(List.of());
        referral.setParentsOrCarers(List.of());
        referral.setNatureOfConcern("Alex has arrived at school hungry on most days this half-term.");
        referral.setIndicatorCodes(List.of());
        referral.setImmediateRiskOfSignificantHarm(false);
        referral.setConsent(ConsentStatus.GIVEN);
        referral.setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE);
    }

    public static Submissions aValidReferral() {
        return new Submissions();
    }

    public Submissions bornOn(LocalDate dateOfBirth) {
        child.setDateOfBirth(dateOfBirth);
        return this;
    }

    public Submissions withIndicators(String... indicatorCodes) {
        referral.setIndicatorCodes(List.of(indicatorCodes));
        return this;
    }

    public Submissions withConsent(ConsentStatus consent) {
        referral.setConsent(consent);
        return this;
    }

    /** Recorded by MASH contact staff from the referring professional's call. */
    public Submissions byTelephone() {
        referral.setChannel(ReferralChannel.TELEPHONE);
        return this;
    }

    public Submissions concerning(String natureOfConcern) {
        referral.setNatureOfConcern(natureOfConcern);
        return this;
    }

    public Submissions withImmediateRiskOfSignificantHarm() {
        referral.setImmediateRiskOfSignificantHarm(true);
        return this;
    }

    /** The referrer's view that the child is Gillick competent, with the child's own views when given. */
    public Submissions gillickCompetent(boolean competent, String childViews) {
        referral.setGillickCompetent(competent);
        referral.setChildViews(childViews);
        return this;
    }

    Submissions withEarlyHelpAssessment(EarlyHelpAssessmentStatus earlyHelpAssessment) {
        referral.setEarlyHelpAssessment(earlyHelpAssessment);
        return this;
    }

    public Submissions in(String localAuthority) {
        referral.setLocalAuthority(localAuthority);
        return this;
    }

    /** The referrer's agency, for referrals about one child from several agencies. */
    public Submissions from(String agencyCode) {
        referral.getReferrer().setAgencyCode(agencyCode);
        return this;
    }

    /**
     * Another fictional child; without an NHS number the child is known by first given name, family name, date of
     * birth and postcode.
     */
    public Submissions aboutChild(String familyName, String nhsNumber) {
        child.setFamilyName(familyName);
        child.setNhsNumber(nhsNumber);
        return this;
    }

    public Submissions withGivenNames(String givenNames) {
        child.setGivenNames(givenNames);
        return this;
    }

    public Submissions livingAt(String postcode) {
        child.getAddress().setPostcode(postcode);
        return this;
    }

    public Submissions livingAbroad(String country, String postcode) {
        child.getAddress().setCountry(country);
        child.getAddress().setPostcode(postcode);
        return this;
    }

    Submissions withSchoolOrSetting(String schoolOrSetting) {
        child.setSchoolOrSetting(schoolOrSetting);
        return this;
    }

    public ReferralSubmitted build() {
        return referral;
    }

    @Override
    public String toString() {
        // read in the names of parameterised test rows
        return "indicators " + referral.getIndicatorCodes() + ", consent " + referral.getConsent()
                + (referral.getImmediateRiskOfSignificantHarm() ? ", immediate risk" : "");
    }
}
