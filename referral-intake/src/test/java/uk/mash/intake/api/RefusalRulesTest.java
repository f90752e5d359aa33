package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;

/**
 * Every refusal rule, on both ways in: the REST API answers 422 naming the rule and the field, and the same
 * submission published on referrals.submitted.v1 goes to referrals.rejected.v1 with the same reason, carrying the
 * submission whole so the referrer can be told why and nothing is lost.
 */
@IntakeServiceTest
class RefusalRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    IntakeApi api;

    record Rule(String name, String code, String field, Consumer<ObjectNode> breakIt) {
        @Override
        public String toString() {
            return name + " (" + code + " at " + field + ")";
        }

        String json() {
            return IntakeApi.sampleReferral("REFUSED-" + name, referral -> {
                referral.put("desiredOutcome", marker());
                breakIt.accept(referral);
            });
        }

        String marker() {
            return "refusal case " + name;
        }
    }

    static Stream<Rule> rules() {
        LocalDate today = LocalDate.now();
        return Stream.of(
                new Rule("blank-agency-reference", "REQUIRED", "agencyReference",
                        referral -> referral.put("agencyReference", " ")),
                new Rule("blank-nature-of-concern", "REQUIRED", "natureOfConcern",
                        referral -> referral.put("natureOfConcern", "")),
                new Rule("no-name", "REQUIRED", "child.familyName",
                        referral -> child(referral).remove(List.of("familyName", "givenNames"))),
                new Rule("neither-birth-nor-due-date", "REQUIRED", "child.dateOfBirth",
                        referral -> child(referral).remove("dateOfBirth")),
                new Rule("blank-postcode", "REQUIRED", "child.address.postcode",
                        referral -> ((ObjectNode) child(referral).get("address")).put("postcode", "")),
                new Rule("carer-without-relationship", "REQUIRED", "parentsOrCarers[0].relationship",
                        referral -> ((ObjectNode) referral.get("parentsOrCarers").get(0)).put("relationship", "")),
                new Rule("professional-without-name", "REQUIRED", "referrer.name",
                        referral -> referrer(referral).remove("name")),
                new Rule("professional-without-role", "REQUIRED", "referrer.role",
                        referral -> referrer(referral).remove("role")),
                new Rule("professional-who-cannot-be-told", "REQUIRED", "referrer.email",
                        referral -> referrer(referral).remove(List.of("email", "phone"))),
                new Rule("anonymous-professional", "PROFESSIONAL_NOT_ANONYMOUS", "referrer.anonymous",
                        referral -> referrer(referral).put("anonymous", true)),
                new Rule("born-next-month", "DATE_OF_BIRTH_IN_FUTURE", "child.dateOfBirth",
                        referral -> child(referral).put("dateOfBirth", today.plusMonths(1).toString())),
                new Rule("eighteen-year-old", "NOT_A_CHILD", "child.dateOfBirth",
                        referral -> child(referral).put("dateOfBirth", today.minusYears(18).minusMonths(1).toString())),
                new Rule("due-date-long-passed", "EXPECTED_DUE_DATE_PASSED", "child.expectedDueDate",
                        referral -> child(referral).put("expectedDueDate", today.minusWeeks(8).toString())
                                .remove("dateOfBirth")),
                new Rule("due-date-beyond-a-pregnancy", "EXPECTED_DUE_DATE_TOO_FAR_AHEAD", "child.expectedDueDate",
                        referral -> child(referral).put("expectedDueDate", today.plusWeeks(44).toString())
                                .remove("dateOfBirth")),
                new Rule("nhs-number-wrong-check-digit", "NHS_NUMBER_CHECK_DIGIT", "child.nhsNumber",
                        referral -> child(referral).put("nhsNumber", "9434765918")),
                new Rule("postcode-not-uk-format", "POSTCODE_FORMAT", "child.address.postcode",
                        referral -> ((ObjectNode) child(referral).get("address")).put("postcode", "PE2 5A")),
                new Rule("authority-this-mash-does-not-serve", "UNKNOWN_LOCAL_AUTHORITY", "localAuthority",
                        referral -> referral.put("localAuthority", "norfolk")),
                new Rule("indicator-not-in-the-catalogue", "UNKNOWN_INDICATOR", "indicatorCodes[1]",
                        referral -> referral.putArray("indicatorCodes").add("POOR_SCHOOL_ATTENDANCE")
                                .add("NOT_A_CATALOGUE_CODE")),
                new Rule("concern-too-long", "TOO_LONG", "natureOfConcern",
                        referral -> referral.put("natureOfConcern", "x".repeat(20_001))),
                new Rule("name-too-long", "TOO_LONG", "referrer.name",
                        referral -> referrer(referral).put("name", "x".repeat(501))),
                new Rule("too-many-siblings", "TOO_MANY", "siblings", referral -> {
                    var siblings = referral.putArray("siblings");
                    IntStream.range(0, 51).forEach(i -> siblings.addObject()
                            .put("name", "Sibling " + i).put("relationship", "brother"));
                }),
                new Rule("carer-country-not-an-iso-code", "COUNTRY_CODE", "parentsOrCarers[0].address.country",
                        referral -> carer(referral).putObject("address").put("postcode", "D02 X285")
                                .put("country", "Ireland")),
                new Rule("household-member-postcode-not-uk-format", "POSTCODE_FORMAT",
                        "householdMembers[0].address.postcode", referral -> referral.putArray("householdMembers")
                                .addObject().put("name", "Chris Lodger").put("relationship", "lodger")
                                .putObject("address").put("postcode", "PE2 5A")),
                new Rule("support-already-provided-too-long", "TOO_LONG", "supportAlreadyProvided",
                        referral -> referral.put("supportAlreadyProvided", "x".repeat(20_001))),
                new Rule("carer-phone-too-long", "TOO_LONG", "parentsOrCarers[0].phone",
                        referral -> carer(referral).put("phone", "0".repeat(501))),
                new Rule("too-many-household-members", "TOO_MANY", "householdMembers", referral -> {
                    var members = referral.putArray("householdMembers");
                    IntStream.range(0, 21).forEach(i -> members.addObject()
                            .put("name", "Member " + i).put("relationship", "lodger"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void restSubmissionBreakingTheRuleIsRefusedNamingTheRuleAndField(Rule rule) {
        var response = api.post("/api/v1/referrals", rule.json(), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(IntakeApi.errors(response)).contains(rule.code() + " at " + rule.field());
    }

    @Test
    void kafkaSubmissionBreakingEachRuleIsRejectedWithTheRuleAndFieldAndKeptWhole() {
        List<Rule> rules = rules().toList();
        Instant submittedAt = Instant.now();
        for (Rule rule : rules) {
            ReferralSubmitted submission = ReferralRequestMapper.toSubmission(
                    JSON.readValue(rule.json(), ReferralRequest.class), ReferralChannel.EVENT, submittedAt);
            IntakeInfrastructure.publish("referrals.submitted.v1", submission.getAgencyReference(), submission);
        }

        Map<String, ReferralRejected> rejectedByCase = await().atMost(Duration.ofSeconds(60))
                .until(RefusalRulesTest::rejectedByCase, rejected -> rejected.size() >= rules.size());

        for (Rule rule : rules) {
            ReferralRejected rejected = rejectedByCase.get(rule.marker());
            assertThat(rejected).as(rule.toString()).isNotNull();
            assertThat(rejected.getReasons()).as(rule.toString())
                    .extracting(reason -> reason.getCode() + " at " + reason.getField())
                    .contains(rule.code() + " at " + rule.field());
            assertThat(rejected.getReasons()).extracting(RejectionReason::getMessage).allSatisfy(
                    message -> assertThat(message).isNotBlank());
            assertThat(rejected.getSubmission().getNatureOfConcern()).as(rule.toString())
                    .isNotNull();
        }
    }

    @Test
    void restReferralWithOverAMegabyteOfTextIsRefusedNamingTheFieldRatherThanQueued() {
        String megabyte = "Breakfast club daily. ".repeat(55_000);

        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("REFUSED-megabyte",
                referral -> referral.put("supportAlreadyProvided", megabyte)), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(IntakeApi.errors(response)).containsExactly("TOO_LONG at supportAlreadyProvided");
        assertThat(response.body()).doesNotContain("Breakfast club");
    }

    private static Map<String, ReferralRejected> rejectedByCase() {
        return IntakeInfrastructure.topics().<ReferralRejected>readAll("referrals.rejected.v1").stream()
                .map(ConsumerRecord::value)
                .filter(rejected -> rejected.getSubmission() != null
                        && rejected.getSubmission().getDesiredOutcome() != null
                        && rejected.getSubmission().getDesiredOutcome().startsWith("refusal case "))
                .collect(Collectors.toMap(rejected -> rejected.getSubmission().getDesiredOutcome(),
                        Function.identity(), (first, repeat) -> first));
    }

    private static ObjectNode child(ObjectNode referral) {
        return (ObjectNode) referral.get("child");
    }

    private static ObjectNode carer(ObjectNode referral) {
        return (ObjectNode) referral.get("parentsOrCarers").get(0);
    }

    private static ObjectNode referrer(ObjectNode referral) {
        return (ObjectNode) referral.get("referrer");
    }
}
