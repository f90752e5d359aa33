package uk.mash.harness.referrals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;

/**
 * A generated submission as the JSON body of {@code POST /api/v1/referrals}, the way an agency system would write
 * it (the API's field names, ISO dates), so the REST path carries the same referral as the Kafka path.
 */
public final class RestReferralJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RestReferralJson() {
    }

    public static String of(ReferralSubmitted submission) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agencyReference", submission.getAgencyReference());
        body.put("localAuthority", submission.getLocalAuthority());
        body.put("channel", "WEB");
        body.put("referrer", referrer(submission.getReferrer()));
        body.put("child", child(submission.getChild()));
        body.put("siblings", people(submission.getSiblings()));
        body.put("householdMembers", people(submission.getHouseholdMembers()));
        body.put("parentsOrCarers", people(submission.getParentsOrCarers()));
        body.put("natureOfConcern", submission.getNatureOfConcern());
        body.put("impactOnChild", submission.getImpactOnChild());
        body.put("indicatorCodes", submission.getIndicatorCodes());
        body.put("immediateRiskOfSignificantHarm", submission.getImmediateRiskOfSignificantHarm());
        body.put("parentsInformed", submission.getParentsInformed());
        body.put("consent", submission.getConsent().name());
        body.put("childViews", submission.getChildViews());
        body.put("earlyHelpAssessment", submission.getEarlyHelpAssessment().name());
        body.put("supportAlreadyProvided", submission.getSupportAlreadyProvided());
        body.put("strengthsAndResilience", submission.getStrengthsAndResilience());
        body.put("desiredOutcome", submission.getDesiredOutcome());
        return JSON.writeValueAsString(body);
    }

    private static Map<String, Object> referrer(Referrer referrer) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("agencyCode", referrer.getAgencyCode());
        part.put("agencyName", referrer.getAgencyName());
        part.put("kind", referrer.getKind().name());
        part.put("role", referrer.getRole());
        part.put("name", referrer.getName());
        part.put("email", referrer.getEmail());
        part.put("phone", referrer.getPhone());
        return part;
    }

    private static Map<String, Object> child(Child child) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("givenNames", child.getGivenNames());
        part.put("familyName", child.getFamilyName());
        part.put("dateOfBirth", String.valueOf(child.getDateOfBirth()));
        part.put("gender", child.getGender());
        part.put("address", address(child.getAddress()));
        part.put("nhsNumber", child.getNhsNumber());
        part.put("ethnicity", child.getEthnicity());
        part.put("firstLanguage", child.getFirstLanguage());
        part.put("disabilities", child.getDisabilities());
        part.put("schoolOrSetting", child.getSchoolOrSetting());
        return part;
    }

    private static List<Map<String, Object>> people(List<Person> people) {
        return people.stream().map(person -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", person.getName());
            part.put("relationship", person.getRelationship());
            part.put("dateOfBirth", person.getDateOfBirth() == null ? null : person.getDateOfBirth().toString());
            part.put("address", person.getAddress() == null ? null : address(person.getAddress()));
            part.put("phone", person.getPhone());
            part.put("hasParentalResponsibility", person.getHasParentalResponsibility());
            return part;
        }).toList();
    }

    private static Map<String, Object> address(Address address) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("lines", address.getLines());
        part.put("town", address.getTown());
        part.put("postcode", address.getPostcode());
        part.put("country", address.getCountry());
        return part;
    }
}
