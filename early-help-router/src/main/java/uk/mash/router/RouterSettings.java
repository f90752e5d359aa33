package uk.mash.router;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the router, bound from {@code referrals.router.*}.
 *
 * @param actWithin how soon the receiving team must act, by priority
 */
@ConfigurationProperties("referrals.router")
public record RouterSettings(@DefaultValue ActWithin actWithin) {

    /**
     * @param immediate a section 47 enquiry: the child may be at immediate risk
     * @param urgent a section 17 assessment
     * @param routine Early Help and single-agency referrals
     */
    public record ActWithin(@DefaultValue("4h") Duration immediate, @DefaultValue("1d") Duration urgent,
            @DefaultValue("10d") Duration routine) {
    }
}
