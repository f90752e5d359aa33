package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.platform.web.StrictJsonBody;

/**
 * A value that cannot be read as its field's type is answered 400 naming the field, so the agency system knows what
 * to put right, and without the value, which could be the child's details; every such value at once, beside any
 * property the contract does not know. A value is read only as the contract writes it: consent by its name, never by
 * its place in the list (0, meant as "no", was GIVEN), and a date as yyyy-MM-dd, never a number of days. A property
 * given twice is refused, where Jackson kept the last: consent sent as refused and then as given was recorded as given.
 */
@IntakeServiceTest
class UnreadableReferralTest {

    @Autowired
    IntakeApi api;

    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> unreadableValues() {
        return Stream.of(
                Arguments.argumentSet("date of birth written the British way", "child.dateOfBirth", "31/12/2015",
                        (Consumer<ObjectNode>) referral -> ((ObjectNode) referral.get("child"))
                                .put("dateOfBirth", "31/12/2015")),
                Arguments.argumentSet("consent that is not one of its values", "consent", "YES",
                        (Consumer<ObjectNode>) referral -> referral.put("consent", "YES")),
                Arguments.argumentSet("date of birth as a number, which is not days since 1970",
                        "child.dateOfBirth", "17000",
                        (Consumer<ObjectNode>) referral -> ((ObjectNode) referral.get("child"))
                                .put("dateOfBirth", 17000)));
    }

    @ParameterizedTest
    @MethodSource("unreadableValues")
    void unreadableValueIsAnsweredNamingItsFieldWithoutEchoingIt(String field, String value,
            Consumer<ObjectNode> breakIt) {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNREADABLE-" + value, breakIt),
                SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(IntakeApi.errors(response)).containsExactly("UNREADABLE at " + field);
        assertThat(response.body()).doesNotContain(value);
    }

    static Stream<Arguments> consentAsANumber() {
        return Stream.of(Arguments.argumentSet("0, meant as no, is the first in the list: GIVEN", "0",
                        (Consumer<ObjectNode>) referral -> referral.put("consent", 0)),
                Arguments.argumentSet("1, meant as yes, is the second: REFUSED", "1",
                        (Consumer<ObjectNode>) referral -> referral.put("consent", 1)),
                Arguments.argumentSet("the same in quotes", "quoted-1",
                        (Consumer<ObjectNode>) referral -> referral.put("consent", "1")));
    }

    @ParameterizedTest
    @MethodSource("consentAsANumber")
    void consentIsReadByItsNameNeverByItsPlaceInTheList(String sent, Consumer<ObjectNode> consentAsANumber) {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("CONSENT-AS-NUMBER-" + sent,
                consentAsANumber), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactly("UNREADABLE at consent");
        assertThat(storedWithReference("CONSENT-AS-NUMBER-" + sent)).isZero();
    }

    @Test
    void everyValueThatCannotBeReadIsNamedAtOnceSoTheAgencyCanPutThemAllRight() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNREADABLE-SEVERAL-1", referral -> {
            ((ObjectNode) referral.get("child")).put("dateOfBirth", "31/12/2015");
            referral.put("immediateRiskOfSignificantHarm", "perhaps");
            ((ObjectNode) referral.get("parentsOrCarers").get(0)).put("hasParentalResponsibility", "shared");
            ((ArrayNode) referral.get("indicatorCodes")).addObject().put("code", "NEGLECT_SUSPECTED");
        }), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactly("UNREADABLE at child.dateOfBirth",
                "UNREADABLE at parentsOrCarers[0].hasParentalResponsibility", "UNREADABLE at indicatorCodes[2]",
                "UNREADABLE at immediateRiskOfSignificantHarm");
        assertThat(IntakeApi.json(response).get("detail").asString())
                .isEqualTo("The referral was not accepted: 4 value(s) that cannot be read to put right. "
                        + "Nothing was stored.");
        assertThat(response.body()).doesNotContain("31/12/2015", "perhaps", "shared");
        assertThat(storedWithReference("UNREADABLE-SEVERAL-1")).isZero();
    }

    @Test
    void unknownPropertiesAndValuesThatCannotBeReadAreNamedInOneAnswer() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNREADABLE-AND-UNKNOWN-1",
                referral -> {
                    referral.put("immediateRisk", true);
                    ((ObjectNode) referral.get("child")).put("dateOfBirth", "31/12/2015");
                }), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactly("UNKNOWN_FIELD at immediateRisk",
                "UNREADABLE at child.dateOfBirth");
        assertThat(IntakeApi.json(response).get("title").asString())
                .isEqualTo("Unknown properties and unreadable values in the referral");
        assertThat(storedWithReference("UNREADABLE-AND-UNKNOWN-1")).isZero();
    }

    @Test
    void consentGivenTwiceIsRefusedRatherThanTheLastOneRecorded() {
        String referral = IntakeApi.sampleReferral("CONSENT-TWICE-1", sample -> sample.put("consent", "REFUSED"))
                .replace("\"consent\":\"REFUSED\"", "\"consent\":\"REFUSED\",\"consent\":\"GIVEN\"");

        var response = api.post("/api/v1/referrals", referral, SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactly("REPEATED_FIELD at consent");
        assertThat(IntakeApi.json(response).get("title").asString())
                .isEqualTo("Properties given more than once in the referral");
        assertThat(storedWithReference("CONSENT-TWICE-1")).isZero();
    }

    @Test
    void everyPropertyGivenTwiceIsNamedBesideTheOtherFieldsAtFault() {
        String referral = IntakeApi.sampleReferral("TWICE-AND-UNKNOWN-1", sample -> sample.put("immediateRisk", true))
                .replace("\"hasParentalResponsibility\":true",
                        "\"hasParentalResponsibility\":true,\"hasParentalResponsibility\":false")
                .replace("\"immediateRiskOfSignificantHarm\":false",
                        "\"immediateRiskOfSignificantHarm\":true,\"immediateRiskOfSignificantHarm\":false");

        var response = api.post("/api/v1/referrals", referral, SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactlyInAnyOrder("UNKNOWN_FIELD at immediateRisk",
                "REPEATED_FIELD at parentsOrCarers[0].hasParentalResponsibility",
                "REPEATED_FIELD at immediateRiskOfSignificantHarm");
        assertThat(IntakeApi.json(response).get("title").asString()).isEqualTo("The referral cannot be read as sent");
        assertThat(storedWithReference("TWICE-AND-UNKNOWN-1")).isZero();
    }

    @Test
    void aReferralLargerThanAnyTheMashTakesIsRefusedUnreadAsTooLarge() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("TOO-LARGE-BODY-1",
                referral -> referral.put("natureOfConcern", "x".repeat(StrictJsonBody.MOST_BYTES))), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(IntakeApi.json(response).get("errors").get(0).get("code").asString()).isEqualTo("TOO_LARGE");
        assertThat(storedWithReference("TOO-LARGE-BODY-1")).isZero();
    }

    private int storedWithReference(String agencyReference) {
        return jdbc.queryForObject("select count(*) from referral where agency_reference = ?", Integer.class,
                agencyReference);
    }
}
