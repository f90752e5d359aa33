package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.IntakeInfrastructure.MASH_WORKER_KEY;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;

/**
 * A property the referral contract does not know is refused, never dropped: sent under another API's name, the
 * immediate risk of significant harm would otherwise be read as no risk, and the child triaged without the
 * immediate section 47 it needs.
 */
@IntakeServiceTest
class UnknownReferralPropertiesTest {

    @Autowired
    IntakeApi api;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void immediateRiskUnderAnotherApisNameIsRefusedNamingItAndNothingIsStored() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNKNOWN-RISK-1",
                referral -> referral.put("immediateRisk", true)), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(IntakeApi.errors(response)).containsExactly("UNKNOWN_FIELD at immediateRisk");
        assertThat(storedWithReference("UNKNOWN-RISK-1")).isZero();
    }

    @Test
    void everyUnknownPropertyIsNamedByItsPath() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNKNOWN-SEVERAL-1", referral -> {
            referral.putArray("indicators").add("POOR_SCHOOL_ATTENDANCE");
            ((ObjectNode) referral.get("child")).put("nhs_number", "9434765919");
            ((ObjectNode) referral.get("parentsOrCarers").get(0)).put("telephone", "01733 000001");
        }), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactlyInAnyOrder("UNKNOWN_FIELD at indicators",
                "UNKNOWN_FIELD at child.nhs_number", "UNKNOWN_FIELD at parentsOrCarers[0].telephone");
        assertThat(response.body()).as("names, never values").doesNotContain("9434765919", "01733 000001");
        assertThat(storedWithReference("UNKNOWN-SEVERAL-1")).isZero();
    }

    @Test
    void telephoneReferralWithAnUnknownPropertyIsRefusedToo() {
        var response = api.post("/api/v1/telephone-referrals", IntakeApi.sampleReferral("UNKNOWN-TEL-1",
                referral -> referral.put("immediateRisk", true)), MASH_WORKER_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IntakeApi.errors(response)).containsExactly("UNKNOWN_FIELD at immediateRisk");
        assertThat(storedWithReference("UNKNOWN-TEL-1")).isZero();
    }

    @Test
    void theEventsOwnChannelAndSubmissionTimeAreKnownAndIgnored() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("EVENT-SHAPED-1", referral -> {
            referral.put("channel", "TELEPHONE");
            referral.put("submittedAt", "2020-01-01T00:00:00Z");
        }), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(jdbc.queryForObject("select channel from referral where agency_reference = 'EVENT-SHAPED-1'",
                String.class)).isEqualTo("WEB");
    }

    private int storedWithReference(String agencyReference) {
        return jdbc.queryForObject("select count(*) from referral where agency_reference = ?", Integer.class,
                agencyReference);
    }
}
