package uk.mash.intake;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of referral intake, bound from {@code referrals.intake.*}.
 *
 * @param localAuthorities the local authorities whose MASH takes referrals, by code
 * @param childKeySecret secret of the keyed hash that turns a child's identity into a pseudonymous partition key;
 *     the one setting without a default, because a default would be public (see {@code ChildKeys})
 * @param outbox how accepted referrals are relayed to Kafka
 * @param telephoneFollowUp how the written follow-up of telephone referrals is tracked
 */
@ConfigurationProperties("referrals.intake")
public record IntakeSettings(
        @DefaultValue Map<String, LocalAuthority> localAuthorities,
        String childKeySecret,
        @DefaultValue Outbox outbox,
        @DefaultValue TelephoneFollowUp telephoneFollowUp) {

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

    /**
     * @param dueWithin how long the referring professional has to follow a telephone referral up in writing
     *     (seed 002: "within 24 hours")
     * @param checkInterval how often awaited follow-ups are checked for being overdue
     */
    public record TelephoneFollowUp(@DefaultValue("24h") Duration dueWithin,
            @DefaultValue("1m") Duration checkInterval) {
    }
}
