package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;
import static uk.mash.intake.IntakeInfrastructure.receivedWithReference;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.events.Address;
import uk.mash.events.ReferralReceived;
import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;

/**
 * A parent abroad, or one whose postcode the referrer does not know, is common in a safeguarding referral: refused
 * for it, the referral would be sent again without the address, and the MASH would never learn where they live.
 */
@IntakeServiceTest
class AddressesAbroadTest {

    @Autowired
    IntakeApi api;

    @Test
    void referralWithAParentInIrelandIsAcceptedAndPassedOnWithTheirCountry() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("ABROAD-IE-1",
                referral -> carer(referral).putObject("address").put("town", "Dublin").put("postcode", "D02 X285")
                        .put("country", "IE").putArray("lines").add("1 Example Street")), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        Address address = received("ABROAD-IE-1").getReferral().getParentsOrCarers().get(0).getAddress();
        assertThat(address.getCountry()).isEqualTo("IE");
        assertThat(address.getPostcode()).isEqualTo("D02 X285");
    }

    @Test
    void referralWithACarersAddressWithoutAPostcodeIsAcceptedAndPassedOnWithout() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("ABROAD-NO-POSTCODE-1",
                referral -> carer(referral).putObject("address").putArray("lines").add("3 Fictional Way")),
                SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        Address address = received("ABROAD-NO-POSTCODE-1").getReferral().getParentsOrCarers().get(0).getAddress();
        assertThat(address.getLines()).containsExactly("3 Fictional Way");
        assertThat(address.getPostcode()).isNull();
        assertThat(address.getCountry()).isNull();
    }

    @Test
    void referralAboutAChildLivingAbroadIsAcceptedWithoutAPostcode() {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("ABROAD-CHILD-PL-1",
                referral -> ((ObjectNode) referral.get("child")).putObject("address").put("town", "Warszawa")
                        .put("country", "PL").putArray("lines").add("ul. Przykladowa 1")), SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        Address address = received("ABROAD-CHILD-PL-1").getReferral().getChild().getAddress();
        assertThat(address.getCountry()).isEqualTo("PL");
        assertThat(address.getPostcode()).isNull();
    }

    private static ReferralReceived received(String agencyReference) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> receivedWithReference(agencyReference), found -> !found.isEmpty()).get(0);
    }

    private static ObjectNode carer(ObjectNode referral) {
        return (ObjectNode) referral.get("parentsOrCarers").get(0);
    }
}
