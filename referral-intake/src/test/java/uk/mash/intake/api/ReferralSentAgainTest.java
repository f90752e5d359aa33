package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.intake.ControlledClock;
import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;

/**
 * An agency system may send a referral again as often as it likes and hears of one referral; a different referral
 * under an agency reference or Idempotency-Key already used is refused, naming what it reused, instead of being
 * answered as a retry of the first and lost.
 */
@IntakeServiceTest
class ReferralSentAgainTest {

    private static final String REFERRALS = "/api/v1/referrals";
    private static final String OTHER_CONCERN = "A second, different concern about another child in the class.";

    @Autowired
    IntakeApi api;

    @Autowired
    ControlledClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sameReferralSentAgainLaterUnderItsAgencyReferenceIsAnsweredWithTheFirstReferral() {
        HttpResponse<String> first = api.post(REFERRALS, referral("AGAIN-SAME-1"), SCHOOL_KEY);
        clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> again = api.post(REFERRALS, referral("AGAIN-SAME-1"), SCHOOL_KEY);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(referralId(again)).isEqualTo(referralId(first));
    }

    @Test
    void sameReferralSentAgainWithItsIdempotencyKeyIsAnsweredWithTheFirstReferral() {
        HttpResponse<String> first = api.post(REFERRALS, referral("AGAIN-KEY-SAME-1"), SCHOOL_KEY, "key-same-1");

        HttpResponse<String> again = api.post(REFERRALS, referral("AGAIN-KEY-SAME-1"), SCHOOL_KEY, "key-same-1");

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(referralId(again)).isEqualTo(referralId(first));
    }

    @Test
    void differentReferralUnderAnAgencyReferenceAlreadyUsedIsRefusedNamingTheAgencyReference() {
        api.post(REFERRALS, referral("AGAIN-REF-1"), SCHOOL_KEY);

        HttpResponse<String> different = api.post(REFERRALS, IntakeApi.sampleReferral("AGAIN-REF-1",
                referral -> referral.put("natureOfConcern", OTHER_CONCERN)), SCHOOL_KEY);

        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(different.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(IntakeApi.errors(different)).containsExactly("ALREADY_USED at agencyReference");
        assertThat(different.body()).doesNotContain(OTHER_CONCERN, "Example");
    }

    @Test
    void differentReferralSentWithAnIdempotencyKeyAlreadyUsedIsRefusedNamingTheHeader() {
        api.post(REFERRALS, referral("AGAIN-KEY-1"), SCHOOL_KEY, "key-reused-1");

        HttpResponse<String> different = api.post(REFERRALS, referral("AGAIN-KEY-2"), SCHOOL_KEY, "key-reused-1");

        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(IntakeApi.errors(different)).containsExactly("ALREADY_USED at Idempotency-Key");
        assertThat(referralsWithReference("AGAIN-KEY-2")).isZero();
    }

    @Test
    void referralSentAgainWithAnotherReferralsIdempotencyKeyIsRefusedNamingTheHeader() {
        api.post(REFERRALS, referral("AGAIN-BOTH-1"), SCHOOL_KEY, "key-both-1");
        api.post(REFERRALS, referral("AGAIN-BOTH-2"), SCHOOL_KEY, "key-both-2");

        HttpResponse<String> mixed = api.post(REFERRALS, referral("AGAIN-BOTH-1"), SCHOOL_KEY, "key-both-2");

        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(IntakeApi.errors(mixed)).containsExactly("ALREADY_USED at Idempotency-Key");
    }

    @Test
    void repeatsRefusalsAndLooksAtAnotherAgencysReferralAreInTheAuditTrailWithoutWhatTheReferralSays() {
        String first = referralId(api.post(REFERRALS, referral("AGAIN-AUDIT-1"), SCHOOL_KEY));
        api.post(REFERRALS, referral("AGAIN-AUDIT-1"), SCHOOL_KEY);
        api.post(REFERRALS, IntakeApi.sampleReferral("AGAIN-AUDIT-1",
                referral -> referral.put("natureOfConcern", OTHER_CONCERN)), SCHOOL_KEY);
        UUID unknown = UUID.randomUUID();
        api.get(REFERRALS + "/" + unknown, SCHOOL_KEY);

        assertThat(jdbc.queryForList("select action from audit_event where referral_id = ?::uuid order by id",
                String.class, first)).containsExactly("REFERRAL_RECEIVED", "REFERRAL_SENT_AGAIN");
        assertThat(jdbc.queryForList("select reason from audit_event where action = 'REFERRAL_REFUSED' "
                + "and reason like '%AGAIN-AUDIT-1%'", String.class)).singleElement().asString()
                .contains("ALREADY_USED at agencyReference").doesNotContain(OTHER_CONCERN);
        assertThat(jdbc.queryForList("select action from audit_event where referral_id = ?", String.class, unknown))
                .containsExactly("REFERRAL_STATUS_REFUSED");
    }

    private static String referral(String agencyReference) {
        return IntakeApi.sampleReferral(agencyReference, referral -> {
        });
    }

    private static String referralId(HttpResponse<String> response) {
        return IntakeApi.json(response).get("referralId").asString();
    }

    private int referralsWithReference(String agencyReference) {
        return jdbc.queryForObject("select count(*) from referral where agency_reference = ?", Integer.class,
                agencyReference);
    }
}
