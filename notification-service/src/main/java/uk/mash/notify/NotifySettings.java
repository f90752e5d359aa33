package uk.mash.notify;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification service, bound from {@code referrals.notify.*}.
 *
 * @param contacts whom a referrer should contact about a referral, by local authority code
 * @param defaultContact the contact when a local authority has none configured
 */
@ConfigurationProperties("referrals.notify")
public record NotifySettings(@DefaultValue Map<String, String> contacts,
        @DefaultValue("the Multi-Agency Safeguarding Hub that received the referral") String defaultContact) {

    public String contactFor(String localAuthority) {
        return localAuthority == null ? defaultContact : contacts.getOrDefault(localAuthority, defaultContact);
    }
}
