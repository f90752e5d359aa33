package uk.mash.intake.telephone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.MASH_WORKER_KEY;
import static uk.mash.intake.IntakeInfrastructure.OTHER_AGENCY_KEY;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.TelephoneFollowUpChanged;
import uk.mash.intake.ControlledClock;
import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;

/**
 * Seed 002: "All telephone referrals will need to be followed up in writing within 24 hours by the referring
 * professional." MASH contact staff record the call; the follow-up is tracked, marked received, and announced on
 * referrals.follow-ups.v1 when it is overdue.
 */
@IntakeServiceTest
class TelephoneFollowUpTest {

    private static final String TELEPHONE_REFERRALS = "/api/v1/telephone-referrals";

    @Autowired
    ControlledClock clock;

    @Autowired
    TelephoneFollowUps followUps;

    @Autowired
    MeterRegistry meters;

    @Autowired
    IntakeApi api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void telephoneReferralFromAProfessionalAwaitsItsWrittenFollowUpWithin24Hours() {
        JsonNode recorded = recordTelephoneReferral("TEL-AWAIT-1");

        JsonNode followUp = recorded.get("writtenFollowUp");
        assertThat(followUp.get("status").asString()).isEqualTo("AWAITED");
        assertThat(Duration.between(Instant.parse(followUp.get("recordedAt").asString()),
                Instant.parse(followUp.get("dueBy").asString()))).isEqualTo(Duration.ofHours(24));
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> announcedFor(referralId(recorded)),
                changes -> !changes.isEmpty()))
                .extracting(TelephoneFollowUpChanged::getStatus)
                .containsExactly(FollowUpStatus.AWAITED);
    }

    @Test
    void followUpNotReceivedWithin24HoursIsAnnouncedOverdueOnce() {
        UUID referralId = referralId(recordTelephoneReferral("TEL-OVERDUE-1"));

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        followUps.markOverdue();
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.AWAITED);

        clock.advance(Duration.ofMinutes(2));
        followUps.markOverdue();
        followUps.markOverdue();

        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> announcedFor(referralId),
                changes -> changes.size() >= 2))
                .extracting(TelephoneFollowUpChanged::getStatus)
                .containsExactly(FollowUpStatus.AWAITED, FollowUpStatus.OVERDUE);
        JsonNode chaseList = IntakeApi.json(api.get("/api/v1/telephone-follow-ups?status=OVERDUE", MASH_WORKER_KEY));
        assertThat(chaseList.findValuesAsString("referralId")).contains(referralId.toString());
        assertThat(meters.get("referrals.telephone.follow-ups.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void referringAgencyMarksItsWrittenFollowUpReceivedAndItIsNeverOverdue() {
        UUID referralId = referralId(recordTelephoneReferral("TEL-RECEIVED-1"));

        var marked = api.put("/api/v1/referrals/" + referralId + "/written-follow-up", SCHOOL_KEY);
        clock.advance(Duration.ofHours(25));
        followUps.markOverdue();

        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(IntakeApi.json(marked).get("status").asString()).isEqualTo("RECEIVED");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> announcedFor(referralId),
                changes -> changes.size() >= 2))
                .extracting(TelephoneFollowUpChanged::getStatus)
                .containsExactly(FollowUpStatus.AWAITED, FollowUpStatus.RECEIVED);
    }

    @Test
    void writtenReferralSayingWhatTheCallSaidIsItsFollowUpAndNothingMoreIsPublished() {
        UUID referralId = referralId(recordTelephoneReferral("TEL-WRITTEN-1"));

        var written = api.post("/api/v1/referrals", IntakeApi.sampleReferral("TEL-WRITTEN-1", referral -> {
        }), SCHOOL_KEY);

        assertThat(written.statusCode()).isEqualTo(202);
        assertThat(IntakeApi.json(written).get("referralId").asString()).isEqualTo(referralId.toString());
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.RECEIVED);
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> IntakeInfrastructure.receivedOf(referralId),
                received -> !received.isEmpty())).as("the call's received event alone").hasSize(1);
    }

    @Test
    void restReferralClaimingToBeByTelephoneIsAWebReferralWithNoFollowUpToChase() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("TEL-CLAIMED-1",
                referral -> referral.put("channel", "TELEPHONE")), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        UUID referralId = referralId(IntakeApi.json(response));
        assertThat(jdbc.queryForObject("select channel from referral where referral_id = ?", String.class,
                referralId)).isEqualTo("WEB");
        assertThat(followUps.find(referralId)).isEmpty();
    }

    @Test
    void anotherAgencyCanNeitherSeeNorMarkTheFollowUp() {
        UUID referralId = referralId(recordTelephoneReferral("TEL-OTHER-1"));

        assertThat(api.get("/api/v1/referrals/" + referralId + "/written-follow-up", OTHER_AGENCY_KEY).statusCode())
                .isEqualTo(404);
        assertThat(api.put("/api/v1/referrals/" + referralId + "/written-follow-up", OTHER_AGENCY_KEY).statusCode())
                .isEqualTo(404);
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.AWAITED);
    }

    @Test
    void memberOfThePublicWhoTelephonesIsNotAskedToWriteIn() {
        JsonNode recorded = IntakeApi.json(api.post(TELEPHONE_REFERRALS,
                IntakeApi.sampleReferral("TEL-PUBLIC-1", referral -> ((ObjectNode) referral.get("referrer"))
                        .put("kind", "MEMBER_OF_PUBLIC").put("agencyCode", "PUBLIC")),
                MASH_WORKER_KEY));

        assertThat(recorded.get("writtenFollowUp").isNull()).isTrue();
        assertThat(followUps.find(referralId(recorded))).isEmpty();
    }

    @Test
    void agencySystemCannotRecordATelephoneReferral() {
        var response = api.post(TELEPHONE_REFERRALS, IntakeApi.sampleReferral("TEL-AGENCY-1", referral -> {
        }), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private JsonNode recordTelephoneReferral(String agencyReference) {
        var response = api.post(TELEPHONE_REFERRALS, IntakeApi.sampleReferral(agencyReference, referral -> {
        }), MASH_WORKER_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return IntakeApi.json(response);
    }

    private static UUID referralId(JsonNode recorded) {
        return UUID.fromString(recorded.get("referralId").asString());
    }

    private static List<TelephoneFollowUpChanged> announcedFor(UUID referralId) {
        return IntakeInfrastructure.topics().<TelephoneFollowUpChanged>readAll("referrals.follow-ups.v1").stream()
                .map(ConsumerRecord::value)
                .filter(change -> change.getReferralId().equals(referralId))
                .toList();
    }
}
