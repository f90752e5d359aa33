package uk.mash.intake;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of referral intake, bound from {@code referrals.intake.*}.
 *
 * @param localAuthorities the local authorities whose MASH takes referrals, by code
 * @param childKeySecret secret of the keyed hash that turns a child's identity into a pseudonymous partition key
 * @param outbox how accepted referrals are relayed to Kafka
 */
@ConfigurationProperties("referrals.intake")
public record IntakeSettings(
        @DefaultValue Map<String, LocalAuthority> localAuthorities,
        @DefaultValue("local-development-only") String childKeySecret,
        @DefaultValue Outbox outbox) {

    /**
     * @param name the authority's name
     * @param maxAgeYears a referral is refused for a child of this age or older (18; seed 002 names a 0-25 service
     *     for disabled young people, which an authority may configure)
     */
    public record LocalAuthority(String name, @DefaultValue("18") int maxAgeYears) {
    }

    /**
     * @param pollInterval longest wait before unpublished referrals are looked for again
     * @param batchSize most referrals published in one Kafka transaction
     */
    public record Outbox(@DefaultValue("200ms") Duration pollInterval, @DefaultValue("500") int batchSize) {
    }
}
