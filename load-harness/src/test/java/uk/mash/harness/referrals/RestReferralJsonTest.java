package uk.mash.harness.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.Address;
import uk.mash.events.ReferralSubmitted;

/** The REST way in carries the referral the Kafka way carries. */
class RestReferralJsonTest {

    private final ReferralGenerator generator = new ReferralGenerator(ReferralMix.standard(), "LOAD");

    @Test
    void anAddressAbroadKeepsItsCountry() {
        ReferralSubmitted referral = generator.referral(1);
        referral.getChild().setAddress(Address.newBuilder(referral.getChild().getAddress()).setPostcode(null)
                .setCountry("IE").build());

        JsonNode address = JsonMapper.builder().build().readTree(RestReferralJson.of(referral))
                .path("child").path("address");

        assertThat(address.path("country").asString()).isEqualTo("IE");
        assertThat(address.path("postcode").isNull()).isTrue();
        assertThat(address.path("town").asString()).isEqualTo(referral.getChild().getAddress().getTown());
    }
}
