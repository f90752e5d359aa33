package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;

/** Agency integrators build against the OpenAPI document the service itself serves. */
@IntakeServiceTest
class OpenApiDocumentTest {

    @Autowired
    IntakeApi api;

    @Test
    void documentDescribesTheReferralApiWithoutAnApiKey() {
        var response = api.get("/v3/api-docs", "");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = IntakeApi.json(response);
        assertThat(document.get("paths").propertyNames()).contains("/api/v1/referrals",
                "/api/v1/referrals/{referralId}", "/api/v1/telephone-referrals",
                "/api/v1/referrals/{referralId}/written-follow-up");
        JsonNode referral = document.get("components").get("schemas").get("ReferralRequest").get("properties");
        assertThat(referral.propertyNames()).contains("child", "referrer", "consent", "indicatorCodes",
                "immediateRiskOfSignificantHarm", "gillickCompetent", "earlyHelpAssessment", "agencyReference");
        JsonNode child = referenced(document, referral.get("child")).get("properties");
        assertThat(referenced(document, child.get("address")).get("properties").propertyNames())
                .contains("lines", "town", "postcode", "country");
    }

    private static JsonNode referenced(JsonNode document, JsonNode property) {
        String name = property.get("$ref").asString().substring("#/components/schemas/".length());
        return document.get("components").get("schemas").get(name);
    }
}
