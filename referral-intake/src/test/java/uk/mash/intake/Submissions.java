package uk.mash.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.Person;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;

/**
 * Fictional submissions that pass intake as they stand, so that a test changes only what it is about. Records are
 * put together with setters rather than Avro builders because tests need nulls in fields the schema says are
 * required, which is exactly what a malformed JSON or Kafka submission can bring.
 */
public final class Submissions {

    private final ReferralSubmitted referral = new ReferralSubmitted();
    private final Referrer referrer = new Referrer();
    private final Child child = new Child();
    private final Address address = new Address();
    private boolean withReferrer = true;
    private boolean withChild = true;
    private boolean withAddress = true;

    private Submissions() {
        referral.setAgencyReference("URN110789-2026-0417");
        referral.setSubmittedAt(Instant.parse("2026-11-24T09:15:00Z"));
        referral.setLocalAuthority("peterborough");
        referral.setChannel(ReferralChannel.EVENT);
        referral.setSiblings(List.of());
        referral.setHouseholdMembers(List.of());
        referral.setParentsOrCarers(List.of(aPerson("Sam Fairweather", "mother")));
        referral.setNatureOfConcern("Alex has arrived at school hungry on most days this half-term and has been seen "
                + "taking food from other children's lunch boxes.");
        referral.setIndicatorCodes(List.of());
        referral.setImmediateRiskOfSignificantHarm(false);
        referral.setParentsInformed(true);
        referral.setConsent(ConsentStatus.GIVEN);
        referral.setEarlyHelpAssessment(EarlyHelpAssessmentStatus.NONE);

        referrer.setAgencyCode("URN110789");
        referrer.setAgencyName("Fictional Primary School");
        referrer.setKind(ReferrerKind.PROFESSIONAL);
        referrer.setRole("Designated safeguarding lead");
        referrer.setName("Jo Teacher");
        referrer.setEmail("dsl@fictional-primary.example");
        referrer.setAnonymous(false);

        child.setGivenNames("Alex");
        child.setFamilyName("Fairweather");
        child.setDateOfBirth(LocalDate.of(2017, 3, 14));
        child.setNhsNumber("9434765919");
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Fictional Primary School");

        address.setLines(List.of("12 Fictional Road"));
        address.setTown("Peterborough");
        address.setPostcode("PE1 2AB");
    }

    public static Submissions aValidReferral() {
        return new Submissions();
    }

    public static Person aPerson(String name, String relationship) {
        Person person = new Person();
        person.setName(name);
        person.setRelationship(relationship);
        return person;
    }

    public static Person aPersonLivingAt(String name, String relationship, Address address) {
        Person person = aPerson(name, relationship);
        person.setAddress(address);
        return person;
    }

    /** An address elsewhere than the child's, in Peterborough. */
    public static Address anAddress(String postcode, List<String> lines) {
        Address address = new Address();
        address.setLines(lines);
        address.setTown("Peterborough");
        address.setPostcode(postcode);
        return address;
    }

    /** An address in the given country, its postcode as that country writes it. */
    public static Address anAddressIn(String country, String postcode) {
        Address address = new Address();
        address.setLines(List.of("1 Example Street"));
        address.setTown("Elsewhere");
        address.setPostcode(postcode);
        address.setCountry(country);
        return address;
    }

    /** Every person is complete, so that only the length of the list can be at fault. */
    public static List<Person> people(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> aPerson("Fictional Person " + i, "cousin"))
                .toList();
    }

    public Submissions withAgencyReference(String agencyReference) {
        referral.setAgencyReference(agencyReference);
        return this;
    }

    public Submissions withLocalAuthority(String localAuthority) {
        referral.setLocalAuthority(localAuthority);
        return this;
    }

    public Submissions withNatureOfConcern(String natureOfConcern) {
        referral.setNatureOfConcern(natureOfConcern);
        return this;
    }

    public Submissions withImpactOnChild(String impactOnChild) {
        referral.setImpactOnChild(impactOnChild);
        return this;
    }

    public Submissions withChildViews(String childViews) {
        referral.setChildViews(childViews);
        return this;
    }

    public Submissions withSupportAlreadyProvided(String supportAlreadyProvided) {
        referral.setSupportAlreadyProvided(supportAlreadyProvided);
        return this;
    }

    public Submissions withStrengthsAndResilience(String strengthsAndResilience) {
        referral.setStrengthsAndResilience(strengthsAndResilience);
        return this;
    }

    public Submissions withDesiredOutcome(String desiredOutcome) {
        referral.setDesiredOutcome(desiredOutcome);
        return this;
    }

    public Submissions withImmediateRiskOfSignificantHarm() {
        referral.setImmediateRiskOfSignificantHarm(true);
        return this;
    }

    /** As MASH contact staff record a call, the only way a telephone referral is made. */
    public Submissions byTelephone() {
        referral.setChannel(ReferralChannel.TELEPHONE);
        return this;
    }

    public Submissions withConsent(ConsentStatus consent) {
        referral.setConsent(consent);
        return this;
    }

    public Submissions withIndicatorCodes(List<String> indicatorCodes) {
        referral.setIndicatorCodes(indicatorCodes);
        return this;
    }

    public Submissions withSiblings(List<Person> siblings) {
        referral.setSiblings(siblings);
        return this;
    }

    public Submissions withHouseholdMembers(List<Person> householdMembers) {
        referral.setHouseholdMembers(householdMembers);
        return this;
    }

    public Submissions withParentsOrCarers(List<Person> parentsOrCarers) {
        referral.setParentsOrCarers(parentsOrCarers);
        return this;
    }

    public Submissions withoutReferrer() {
        withReferrer = false;
        return this;
    }

    public Submissions withReferrerAgencyCode(String agencyCode) {
        referrer.setAgencyCode(agencyCode);
        return this;
    }

    public Submissions withReferrerKind(ReferrerKind kind) {
        referrer.setKind(kind);
        return this;
    }

    public Submissions withReferrerName(String name) {
        referrer.setName(name);
        return this;
    }

    public Submissions withReferrerRole(String role) {
        referrer.setRole(role);
        return this;
    }

    public Submissions withReferrerEmail(String email) {
        referrer.setEmail(email);
        return this;
    }

    public Submissions withReferrerPhone(String phone) {
        referrer.setPhone(phone);
        return this;
    }

    /** Only the flag: whoever the referrer is stays named, so that the flag alone is at fault. */
    public Submissions anonymously() {
        referrer.setAnonymous(true);
        return this;
    }

    /** Name, role and contact details go too, as the rules must cope with a caller who gives none of them. */
    public Submissions fromAnAnonymousMemberOfThePublic() {
        referrer.setAgencyCode("PUBLIC");
        referrer.setAgencyName(null);
        referrer.setKind(ReferrerKind.MEMBER_OF_PUBLIC);
        referrer.setRole(null);
        referrer.setName(null);
        referrer.setEmail(null);
        referrer.setPhone(null);
        referrer.setAnonymous(true);
        return this;
    }

    public Submissions withoutChild() {
        withChild = false;
        return this;
    }

    public Submissions withChildFamilyName(String familyName) {
        child.setFamilyName(familyName);
        return this;
    }

    public Submissions withChildGivenNames(String givenNames) {
        child.setGivenNames(givenNames);
        return this;
    }

    public Submissions withDateOfBirth(LocalDate dateOfBirth) {
        child.setDateOfBirth(dateOfBirth);
        return this;
    }

    public Submissions withExpectedDueDate(LocalDate expectedDueDate) {
        child.setExpectedDueDate(expectedDueDate);
        return this;
    }

    public Submissions withNhsNumber(String nhsNumber) {
        child.setNhsNumber(nhsNumber);
        return this;
    }

    public Submissions withSchoolOrSetting(String schoolOrSetting) {
        child.setSchoolOrSetting(schoolOrSetting);
        return this;
    }

    public Submissions withDisabilities(List<String> disabilities) {
        child.setDisabilities(disabilities);
        return this;
    }

    public Submissions withAddressLines(List<String> lines) {
        address.setLines(lines);
        return this;
    }

    public Submissions withTown(String town) {
        address.setTown(town);
        return this;
    }

    public Submissions withPostcode(String postcode) {
        address.setPostcode(postcode);
        return this;
    }

    public Submissions withCountry(String country) {
        address.setCountry(country);
        return this;
    }

    public Submissions withoutAddress() {
        withAddress = false;
        return this;
    }

    public ReferralSubmitted build() {
        child.setAddress(withAddress ? address : null);
        referral.setReferrer(withReferrer ? referrer : null);
        referral.setChild(withChild ? child : null);
        return referral;
    }
}
