package uk.mash.intake.telephone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.MASH_WORKER_KEY;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.intake.ControlledClock;
import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;

/**
 * The agency's written referral under the agency reference of its telephone referral, by REST: what it says beyond
 * the call reaches triage as the telephone referral's next received event, once; one about another child, or a second
 * different one, is refused rather than merged or lost.
 */
@IntakeServiceTest
class WrittenFollowUpTest {

    private static final String REFERRALS = "/api/v1/referrals";
    private static final String IMMEDIATE_RISK = "Alex told his teacher this morning that he is afraid to go home.";

    @Autowired
    IntakeApi api;

    @Autowired
    ControlledClock clock;

    @Autowired
    TelephoneFollowUps followUps;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void writtenFollowUpAddingImmediateRiskIsPublishedUnderTheTelephoneReferral() {
        JsonNode call = recordTelephoneReferral("WRITTEN-RISK-1", referral -> { });
        UUID referralId = referralId(call);
        ConsumerRecord<String, ReferralReceived> telephoned = await().atMost(Duration.ofSeconds(60))
                .until(() -> IntakeInfrastructure.receivedOf(referralId), found -> !found.isEmpty()).get(0);
        clock.advance(Duration.ofHours(3));
        Instant writtenAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> written = api.post(REFERRALS, addingImmediateRisk("WRITTEN-RISK-1"), SCHOOL_KEY);

        assertThat(written.statusCode()).as(written.body()).isEqualTo(202);
        JsonNode answer = IntakeApi.json(written);
        assertThat(answer.get("referralId").asString()).isEqualTo(referralId.toString());
        assertThat(Instant.parse(answer.get("receivedAt").asString()))
                .isEqualTo(Instant.parse(call.get("writtenFollowUp").get("recordedAt").asString()));
        assertThat(written.headers().firstValue("Location")).hasValue(REFERRALS + "/" + referralId);
        assertThat(written.body()).doesNotContainIgnoringCase("repeat").doesNotContainIgnoringCase("again");
        List<ConsumerRecord<String, ReferralReceived>> received = await().atMost(Duration.ofSeconds(60))
                .until(() -> IntakeInfrastructure.receivedOf(referralId), found -> found.size() >= 2);
        assertThat(received).hasSize(2);
        ConsumerRecord<String, ReferralReceived> followUp = received.get(1);
        assertThat(followUp.partition()).as("the call's partition").isEqualTo(telephoned.partition());
        assertThat(followUp.offset()).as("after the call").isGreaterThan(telephoned.offset());
        assertThat(followUp.key()).isEqualTo(telephoned.key());
        ReferralReceived event = followUp.value();
        assertThat(event.getEventId()).isNotEqualTo(telephoned.value().getEventId());
        assertThat(event.getReceivedAt()).isEqualTo(telephoned.value().getReceivedAt());
        assertThat(event.getChildKey()).isEqualTo(telephoned.value().getChildKey());
        assertThat(event.getWrittenFollowUpReceivedAt()).isEqualTo(writtenAt);
        assertThat(event.getReferral().getImmediateRiskOfSignificantHarm()).isTrue();
        assertThat(event.getReferral().getNatureOfConcern()).endsWith(IMMEDIATE_RISK);
        assertThat(event.getReferral().getChannel()).isEqualTo(ReferralChannel.WEB);
        assertThat(telephoned.value().getWrittenFollowUpReceivedAt()).isNull();
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.RECEIVED);
    }

    @Test
    void writtenFollowUpIsAuditedWithoutWhatItSaysAboutTheChild() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-AUDIT-1", referral -> { }));

        api.post(REFERRALS, addingImmediateRisk("WRITTEN-AUDIT-1"), SCHOOL_KEY);

        assertThat(jdbc.queryForList("select action from audit_event where referral_id = ? order by id",
                String.class, referralId)).containsExactly("REFERRAL_RECEIVED", "WRITTEN_FOLLOW_UP_RECEIVED",
                        "TELEPHONE_FOLLOW_UP_RECEIVED");
        assertThat(jdbc.queryForList("select reason from audit_event where referral_id = ?", String.class,
                referralId)).allSatisfy(reason -> assertThat(reason).doesNotContain("Alex", "Example", "2017-03-14",
                        "9434765919", "PE2 5AB", IMMEDIATE_RISK));
    }

    @Test
    void sameWrittenFollowUpSentAgainIsAnsweredAsTheFirstTimeAndPublishedOnce() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-AGAIN-1", referral -> { }));
        HttpResponse<String> first = api.post(REFERRALS, addingImmediateRisk("WRITTEN-AGAIN-1"), SCHOOL_KEY);
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> again = api.post(REFERRALS, addingImmediateRisk("WRITTEN-AGAIN-1"), SCHOOL_KEY);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> IntakeInfrastructure.receivedOf(referralId),
                found -> found.size() >= 2)).hasSize(2);
    }

    @Test
    void secondDifferentWrittenFollowUpIsRefusedNamingTheAgencyReference() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-SECOND-1", referral -> { }));
        api.post(REFERRALS, addingImmediateRisk("WRITTEN-SECOND-1"), SCHOOL_KEY);

        HttpResponse<String> second = api.post(REFERRALS, IntakeApi.sampleReferral("WRITTEN-SECOND-1",
                referral -> referral.put("natureOfConcern", "A new concern: Alex's younger brother is unwell.")),
                SCHOOL_KEY);

        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode error = IntakeApi.json(second).get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("ALREADY_USED");
        assertThat(error.get("field").asString()).isEqualTo("agencyReference");
        assertThat(error.get("message").asString()).contains("already sent the written follow-up",
                "A new concern needs a reference of its own");
        assertThat(second.body()).doesNotContain("younger brother");
        assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> IntakeInfrastructure.receivedOf(referralId),
                found -> found.size() >= 2)).extracting(record -> record.value().getReferral()
                        .getImmediateRiskOfSignificantHarm()).containsExactly(false, true);
    }

    @Test
    void writtenReferralAboutAnotherChildUnderTheCallsReferenceIsRefusedAndNothingIsMerged() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-OTHER-CHILD-1", referral -> { }));

        HttpResponse<String> otherChild = api.post(REFERRALS, IntakeApi.sampleReferral("WRITTEN-OTHER-CHILD-1",
                referral -> ((ObjectNode) referral.get("child")).put("givenNames", "Sam")
                        .put("dateOfBirth", "2019-01-20").put("nhsNumber", "9876543210")), SCHOOL_KEY);

        assertThat(otherChild.statusCode()).isEqualTo(409);
        assertThat(IntakeApi.json(otherChild).get("errors").get(0).get("field").asString())
                .isEqualTo("agencyReference");
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.AWAITED);
        assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> IntakeInfrastructure.receivedOf(referralId),
                found -> !found.isEmpty())).hasSize(1);
    }

    @Test
    void writtenFollowUpGivingTheNhsNumberTheCallLeftOutIsAboutTheSameChild() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-NHS-1", referral -> {
            ObjectNode child = (ObjectNode) referral.get("child");
            child.remove("nhsNumber");
            child.put("familyName", "Exampel");
            ((ObjectNode) child.get("address")).put("postcode", "PE2 5BA");
        }));

        HttpResponse<String> written = api.post(REFERRALS, addingImmediateRisk("WRITTEN-NHS-1"), SCHOOL_KEY);

        assertThat(written.statusCode()).isEqualTo(202);
        assertThat(IntakeApi.json(written).get("referralId").asString()).isEqualTo(referralId.toString());
        List<ConsumerRecord<String, ReferralReceived>> received = await().atMost(Duration.ofSeconds(60))
                .until(() -> IntakeInfrastructure.receivedOf(referralId), found -> found.size() >= 2);
        assertThat(received.get(1).value().getReferral().getChild().getNhsNumber()).isEqualTo("9434765919");
        assertThat(received.get(1).value().getChildKey()).as("the call's, though the NHS number now gives another")
                .isEqualTo(received.get(0).value().getChildKey());
    }

    @Test
    void writtenFollowUpsIdempotencyKeyIsItsOwnAndNoOtherReferralsToo() {
        UUID referralId = referralId(recordTelephoneReferral("WRITTEN-KEY-1", referral -> { }));
        api.post(REFERRALS, addingImmediateRisk("WRITTEN-KEY-1"), SCHOOL_KEY, "written-key-1");

        HttpResponse<String> anotherReferral = api.post(REFERRALS, IntakeApi.sampleReferral("WRITTEN-KEY-2",
                referral -> { }), SCHOOL_KEY, "written-key-1");
        HttpResponse<String> again = api.post(REFERRALS, addingImmediateRisk("WRITTEN-KEY-1"), SCHOOL_KEY,
                "written-key-1");

        assertThat(anotherReferral.statusCode()).isEqualTo(409);
        assertThat(IntakeApi.json(anotherReferral).get("errors").get(0).get("field").asString())
                .isEqualTo("Idempotency-Key");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(IntakeApi.json(again).get("referralId").asString()).isEqualTo(referralId.toString());
    }

    private JsonNode recordTelephoneReferral(String agencyReference, Consumer<ObjectNode> changes) {
        HttpResponse<String> response = api.post("/api/v1/telephone-referrals",
                IntakeApi.sampleReferral(agencyReference, changes), MASH_WORKER_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return IntakeApi.json(response);
    }

    private static String addingImmediateRisk(String agencyReference) {
        return IntakeApi.sampleReferral(agencyReference, referral -> referral
                .put("immediateRiskOfSignificantHarm", true)
                .put("natureOfConcern", referral.get("natureOfConcern").asString() + " " + IMMEDIATE_RISK));
    }

    private static UUID referralId(JsonNode answer) {
        return UUID.fromString(answer.get("referralId").asString());
    }
}
