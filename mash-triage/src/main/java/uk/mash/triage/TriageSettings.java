package uk.mash.triage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of MASH triage, bound from {@code referrals.triage.*}.
 *
 * @param section47ReviewWithin how soon a MASH worker must review a section 47 recommendation
 * @param confirmWithin how soon a MASH worker must confirm or override any other recommendation
 */
@ConfigurationProperties("referrals.triage")
public record TriageSettings(
        @DefaultValue("1h") Duration section47ReviewWithin,
        @DefaultValue("8h") Duration confirmWithin) {
}
