package uk.mash.intake.validation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import uk.mash.events.Child;
import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;
import uk.mash.intake.IntakeSettings;
import uk.mash.platform.indicators.IndicatorCatalogue;

/**
 * Checks a submission against the intake rules and reports every reason at once, so that the referrer can put
 * everything right in one go. The same rules apply to REST and Kafka submissions.
 */
@Component
public class ReferralValidator {

    static final int MAX_TEXT = 20_000;
    static final int MAX_SHORT_TEXT = 500;
    static final int MAX_LIST = 50;
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
        if (submission.getConsent() == null) {
            violations.add(new Violation("REQUIRED", "consent", "Say whether consent was given, refused or not sought."));
        }
        IntakeSettings.LocalAuthority authority = localAuthority(violations, submission.getLocalAuthority());
        referrer(violations, submission.getReferrer());
        child(violations, submission.getChild(), authority);
        list(violations, "indicatorCodes", submission.getIndicatorCodes());
        indicatorCodes(violations, submission.getIndicatorCodes());
        people(violations, "siblings", submission.getSiblings());
        people(violations, "householdMembers", submission.getHouseholdMembers());
        people(violations, "parentsOrCarers", submission.getParentsOrCarers());
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
        shortText(violations, "referrer.name", referrer.getName());
        shortText(violations, "referrer.email", referrer.getEmail());
    }

    private void child(List<Violation> violations, Child child, IntakeSettings.LocalAuthority authority) {
        if (child == null) {
            violations.add(new Violation("REQUIRED", "child", "Say which child the referral is about."));
            return;
        }
        required(violations, "child.familyName", child.getFamilyName());
        shortText(violations, "child.familyName", child.getFamilyName());
        shortText(violations, "child.givenNames", child.getGivenNames());
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
        if (child.getAddress() != null) {
            String postcode = child.getAddress().getPostcode();
            if (isBlank(postcode)) {
                required(violations, "child.address.postcode", postcode);
            }
            else if (!UkPostcode.isValid(postcode)) {
                violations.add(new Violation("POSTCODE_FORMAT", "child.address.postcode",
                        "The postcode is not in the UK postcode format."));
            }
            list(violations, "child.address.lines", child.getAddress().getLines());
        }
        list(violations, "child.disabilities", child.getDisabilities());
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
        list(violations, field, people);
        if (people == null) {
            return;
        }
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i) == null) {
                continue;
            }
            required(violations, field + "[" + i + "].name", people.get(i).getName());
            required(violations, field + "[" + i + "].relationship", people.get(i).getRelationship());
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
    }

    private static void longText(List<Violation> violations, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            violations.add(new Violation("TOO_LONG", field, field + " must be at most " + MAX_TEXT + " characters."));
        }
    }

    private static void list(List<Violation> violations, String field, List<?> values) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_LIST) {
            violations.add(new Violation("TOO_MANY", field, field + " may hold at most " + MAX_LIST + " entries."));
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(new Violation("REQUIRED", field + "[" + i + "]", field + " may not hold empty entries."));
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
