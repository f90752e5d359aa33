package uk.mash.intake.validation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;
import uk.mash.intake.IntakeSettings;
import uk.mash.platform.addresses.UnitedKingdom;
import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.platform.serde.StoredEvents;

/**
 * Checks a submission against the intake rules and reports every reason at once, so that the referrer can put
 * everything right in one go. The same rules apply to REST and Kafka submissions.
 */
@Component
public class ReferralValidator {

    /** The referrer's narrative: the concern, its impact, the child's views, support given, strengths, outcome. */
    static final int MAX_TEXT = 20_000;
    /** A single value: a reference, name, role, relationship, email, phone number, address line or town. */
    public static final int MAX_SHORT_TEXT = 500;
    /** Indicator codes, and the child's disabilities. */
    static final int MAX_LIST = 50;
    /** Siblings, household members, parents or carers: each list. */
    static final int MAX_PEOPLE = 20;
    static final int MAX_ADDRESS_LINES = 6;
    /**
     * The whole submission, Avro-encoded. Kafka takes records of up to 1 MB, and the outcome and routed-case events
     * carry the submission whole. The limits above keep a submission in English well under this, but UTF-8 writes a
     * character in up to three bytes; an accepted referral that Kafka refused would hold back every later one. A
     * refused one is carried back in its rejection only within this limit too.
     */
    public static final int MAX_ENCODED_BYTES = 512 * 1024;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Period DUE_DATE_MAY_HAVE_PASSED_BY = Period.ofWeeks(6);
    private static final Period LONGEST_PREGNANCY = Period.ofWeeks(42);

    private final Map<String, IntakeSettings.LocalAuthority> localAuthorities;
    private final IndicatorCatalogue indicators;
    private final Clock clock;

    public ReferralValidator(IntakeSettings settings, IndicatorCatalogue indicators, Clock clock) {
        this.localAuthorities = settings.localAuthorities();
        this.indicators = indicators;
        this.clock = clock;
    }

    public List<Violation> validate(ReferralSubmitted submission) {
        List<Violation> violations = new ArrayList<>();
        required(violations, "agencyReference", submission.getAgencyReference());
        shortText(violations, "agencyReference", submission.getAgencyReference());
        required(violations, "natureOfConcern", submission.getNatureOfConcern());
        longText(violations, "natureOfConcern", submission.getNatureOfConcern());
        longText(violations, "impactOnChild", submission.getImpactOnChild());
        longText(violations, "childViews", submission.getChildViews());
        longText(violations, "supportAlreadyProvided", submission.getSupportAlreadyProvided());
        longText(violations, "strengthsAndResilience", submission.getStrengthsAndResilience());
        longText(violations, "desiredOutcome", submission.getDesiredOutcome());
        if (submission.getConsent() == null) {
            violations.add(new Violation("REQUIRED", "consent", "Say whether consent was given, refused or not sought."));
        }
        IntakeSettings.LocalAuthority authority = localAuthority(violations, submission.getLocalAuthority());
        referrer(violations, submission.getReferrer());
        child(violations, submission.getChild(), authority);
        list(violations, "indicatorCodes", submission.getIndicatorCodes(), MAX_LIST);
        indicatorCodes(violations, submission.getIndicatorCodes());
        people(violations, "siblings", submission.getSiblings());
        people(violations, "householdMembers", submission.getHouseholdMembers());
        people(violations, "parentsOrCarers", submission.getParentsOrCarers());
        if (violations.isEmpty()) {
            encodedSize(violations, submission);
        }
        return violations;
    }

    private IntakeSettings.LocalAuthority localAuthority(List<Violation> violations, String code) {
        if (isBlank(code)) {
            required(violations, "localAuthority", code);
            return null;
        }
        IntakeSettings.LocalAuthority authority = localAuthorities.get(code);
        if (authority == null) {
            violations.add(new Violation("UNKNOWN_LOCAL_AUTHORITY", "localAuthority",
                    "This MASH takes referrals for: " + String.join(", ", localAuthorities.keySet()) + "."));
        }
        return authority;
    }

    private static void referrer(List<Violation> violations, Referrer referrer) {
        if (referrer == null) {
            violations.add(new Violation("REQUIRED", "referrer", "Say who is making the referral."));
            return;
        }
        required(violations, "referrer.agencyCode", referrer.getAgencyCode());
        if (referrer.getKind() == null) {
            violations.add(new Violation("REQUIRED", "referrer.kind",
                    "Say whether the referrer is a professional or a member of the public."));
        }
        if (referrer.getKind() == ReferrerKind.PROFESSIONAL) {
            if (referrer.getAnonymous()) {
                violations.add(new Violation("PROFESSIONAL_NOT_ANONYMOUS", "referrer.anonymous",
                        "A professional referral can never be anonymous."));
            }
            required(violations, "referrer.name", referrer.getName());
            required(violations, "referrer.role", referrer.getRole());
            if (isBlank(referrer.getEmail()) && isBlank(referrer.getPhone())) {
                violations.add(new Violation("REQUIRED", "referrer.email",
                        "Give an email address or telephone number so the MASH can tell you the outcome."));
            }
        }
        shortText(violations, "referrer.agencyCode", referrer.getAgencyCode());
        shortText(violations, "referrer.agencyName", referrer.getAgencyName());
        shortText(violations, "referrer.role", referrer.getRole());
        shortText(violations, "referrer.name", referrer.getName());
        shortText(violations, "referrer.email", referrer.getEmail());
        shortText(violations, "referrer.phone", referrer.getPhone());
    }

    private void child(List<Violation> violations, Child child, IntakeSettings.LocalAuthority authority) {
        if (child == null) {
            violations.add(new Violation("REQUIRED", "child", "Say which child the referral is about."));
            return;
        }
        if (isBlank(child.getFamilyName()) && isBlank(child.getGivenNames())) {
            // a child may have one name, or a member of the public know only the first: either identifies them
            violations.add(new Violation("REQUIRED", "child.familyName",
                    "Give the child's family name, or their given name if that is all that is known."));
        }
        shortText(violations, "child.familyName", child.getFamilyName());
        shortText(violations, "child.givenNames", child.getGivenNames());
        shortText(violations, "child.gender", child.getGender());
        shortText(violations, "child.nhsNumber", child.getNhsNumber());
        shortText(violations, "child.ethnicity", child.getEthnicity());
        shortText(violations, "child.firstLanguage", child.getFirstLanguage());
        shortText(violations, "child.schoolOrSetting", child.getSchoolOrSetting());
        shortText(violations, "child.currentLocation", child.getCurrentLocation());
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        if (child.getDateOfBirth() == null && child.getExpectedDueDate() == null) {
            violations.add(new Violation("REQUIRED", "child.dateOfBirth",
                    "Give the child's date of birth, or the expected due date for an unborn baby."));
        }
        if (child.getDateOfBirth() != null) {
            if (child.getDateOfBirth().isAfter(today)) {
                violations.add(new Violation("DATE_OF_BIRTH_IN_FUTURE", "child.dateOfBirth",
                        "The date of birth is in the future; for an unborn baby give the expected due date instead."));
            }
            else if (authority != null && !child.getDateOfBirth().plusYears(authority.maxAgeYears()).isAfter(today)) {
                violations.add(new Violation("NOT_A_CHILD", "child.dateOfBirth",
                        "This MASH takes referrals for children and young people under " + authority.maxAgeYears()
                                + "."));
            }
        }
        if (child.getDateOfBirth() == null && child.getExpectedDueDate() != null) {
            expectedDueDate(violations, child.getExpectedDueDate(), today);
        }
        if (child.getNhsNumber() != null && !NhsNumber.isValid(child.getNhsNumber())) {
            violations.add(new Violation("NHS_NUMBER_CHECK_DIGIT", "child.nhsNumber",
                    "The NHS number is not valid: it must be ten digits with a correct check digit."));
        }
        childsAddress(violations, child.getAddress());
        shortTexts(violations, "child.disabilities", child.getDisabilities(), MAX_LIST);
    }

    /**
     * In the UK the child's postcode is part of the child's key and chooses the locality an Early Help case goes to,
     * so it is required there. A child living abroad (visiting, or moved away) has no UK postcode to give: the router
     * sends their Early Help case to the authority's default locality, the hub that allocates by hand.
     */
    private static void childsAddress(List<Violation> violations, Address address) {
        if (address != null && UnitedKingdom.includes(address.getCountry()) && isBlank(address.getPostcode())) {
            required(violations, "child.address.postcode", address.getPostcode());
        }
        address(violations, "child.address", address);
    }

    /**
     * A parent, carer or household member may live abroad, or the referrer not know their postcode: refused for it,
     * a referral would be sent again without the address. A postcode given for an address in the UK must be one.
     */
    private static void address(List<Violation> violations, String field, Address address) {
        if (address == null) {
            return;
        }
        String country = address.getCountry();
        String postcode = address.getPostcode();
        if (country != null && !CountryCode.isValid(country)) {
            violations.add(new Violation("COUNTRY_CODE", field + ".country", "The country is not an ISO 3166-1 "
                    + "two-letter code in capitals (IE, PL); leave it out for an address in the UK."));
        }
        else if (UnitedKingdom.includes(country) && !isBlank(postcode) && !UkPostcode.isValid(postcode)) {
            violations.add(new Violation("POSTCODE_FORMAT", field + ".postcode",
                    "The postcode is not in the UK postcode format; for an address abroad, give its country."));
        }
        shortText(violations, field + ".postcode", postcode);
        shortTexts(violations, field + ".lines", address.getLines(), MAX_ADDRESS_LINES);
        shortText(violations, field + ".town", address.getTown());
    }

    /**
     * A due date long past means the baby has been born and the MASH needs the date of birth; one further ahead than
     * a pregnancy lasts is a mistake. Babies come late, so a few weeks past the due date is still an unborn baby.
     */
    private static void expectedDueDate(List<Violation> violations, LocalDate dueDate, LocalDate today) {
        if (dueDate.isBefore(today.minus(DUE_DATE_MAY_HAVE_PASSED_BY))) {
            violations.add(new Violation("EXPECTED_DUE_DATE_PASSED", "child.expectedDueDate",
                    "The expected due date passed more than six weeks ago; give the baby's date of birth instead."));
        }
        else if (dueDate.isAfter(today.plus(LONGEST_PREGNANCY))) {
            violations.add(new Violation("EXPECTED_DUE_DATE_TOO_FAR_AHEAD", "child.expectedDueDate",
                    "The expected due date is further ahead than a pregnancy lasts (42 weeks)."));
        }
    }

    /** The code itself is not repeated: a free-text mistake in this field could hold the child's details. */
    private void indicatorCodes(List<Violation> violations, List<String> codes) {
        if (codes == null) {
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) != null && !indicators.contains(codes.get(i))) {
                violations.add(new Violation("UNKNOWN_INDICATOR", "indicatorCodes[" + i + "]",
                        "Not a code of the indicator catalogue; MASH triage publishes the codes at /api/v1/indicators."));
            }
        }
    }

    private static void people(List<Violation> violations, String field, List<Person> people) {
        list(violations, field, people, MAX_PEOPLE);
        if (people == null) {
            return;
        }
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            if (person == null) {
                continue;
            }
            String at = field + "[" + i + "]";
            required(violations, at + ".name", person.getName());
            shortText(violations, at + ".name", person.getName());
            required(violations, at + ".relationship", person.getRelationship());
            shortText(violations, at + ".relationship", person.getRelationship());
            shortText(violations, at + ".phone", person.getPhone());
            address(violations, at + ".address", person.getAddress());
        }
    }

    /** Only once every field is within its limit, so that a field too long is named rather than the whole. */
    private static void encodedSize(List<Violation> violations, ReferralSubmitted submission) {
        if (StoredEvents.encode(submission).length > MAX_ENCODED_BYTES) {
            violations.add(new Violation("TOO_LARGE", null, "The referral is too large to pass on: at most "
                    + MAX_ENCODED_BYTES / 1024 + " KB once encoded. Shorten its longest texts."));
        }
    }

    private static void required(List<Violation> violations, String field, String value) {
        if (isBlank(value)) {
            violations.add(new Violation("REQUIRED", field, field + " is required."));
        }
    }

    private static void shortText(List<Violation> violations, String field, String value) {
        if (value != null && value.length() > MAX_SHORT_TEXT) {
            violations.add(new Violation("TOO_LONG", field, field + " must be at most " + MAX_SHORT_TEXT
                    + " characters."));
        }
        storable(violations, field, value);
    }

    private static void longText(List<Violation> violations, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            violations.add(new Violation("TOO_LONG", field, field + " must be at most " + MAX_TEXT + " characters."));
        }
        storable(violations, field, value);
    }

    /**
     * PostgreSQL's text cannot hold the NUL character: accepted, a referral carrying one would fail every service's
     * insert of it, and the poll with it.
     */
    private static void storable(List<Violation> violations, String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            violations.add(new Violation("INVALID_CHARACTER", field, field + " contains a NUL character (U+0000), "
                    + "which cannot be stored; remove it."));
        }
    }

    private static void list(List<Violation> violations, String field, List<?> values, int max) {
        if (values == null) {
            return;
        }
        if (values.size() > max) {
            violations.add(new Violation("TOO_MANY", field, field + " may hold at most " + max + " entries."));
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(new Violation("REQUIRED", field + "[" + i + "]", field + " may not hold empty entries."));
            }
        }
    }

    private static void shortTexts(List<Violation> violations, String field, List<String> values, int max) {
        list(violations, field, values, max);
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            shortText(violations, field + "[" + i + "]", values.get(i));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
