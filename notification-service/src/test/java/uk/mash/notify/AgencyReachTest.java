package uk.mash.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.mash.notify.NotifySettings.AgencyChannels;
import uk.mash.notify.NotifySettings.Reach;
import uk.mash.notify.NotifySettings.UnregisteredAgencies;

/**
 * How a referrer is told besides the event: by their agency's registered email or webhook, by the event alone only when
 * the agency's system is registered as reading it, and otherwise at the address the referrer gave, so that a mistyped
 * agency code is never taken for an agency that heard.
 */
class AgencyReachTest {

    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of(
            "POLICE-0001", new AgencyChannels("mash-liaison@police.example", null, null, null, false),
            "HEALTH-0001", new AgencyChannels(null, null, null, null, true),
            "HOUSING-0001", new AgencyChannels(null, null, null, NotifySettings.EmailProvider.SMTP, false)),
            UnregisteredAgencies.REFERRER_EMAIL);

    @Test
    void anAgencyWithAnEmailOrWebhookIsToldByItsMessages() {
        assertThat(SETTINGS.reachOf("POLICE-0001")).isEqualTo(Reach.AGENCY_MESSAGES);
    }

    @Test
    void anAgencyRegisteredAsReadingTheEventIsToldByTheEventAlone() {
        assertThat(SETTINGS.reachOf("HEALTH-0001")).isEqualTo(Reach.EVENT_ALONE);
        assertThat(SETTINGS.reachOf("health-0001")).as("codes match whatever their case").isEqualTo(Reach.EVENT_ALONE);
    }

    @Test
    void anAgencyNotRegisteredHasItsReferrerEmailed() {
        assertThat(SETTINGS.reachOf("HEALTH-0010")).isEqualTo(Reach.REFERRER_EMAIL);
        assertThat(SETTINGS.reachOf(null)).isEqualTo(Reach.REFERRER_EMAIL);
    }

    @Test
    void anAgencyRegisteredWithNoWayToReachItHasItsReferrerEmailed() {
        assertThat(SETTINGS.reachOf("HOUSING-0001")).isEqualTo(Reach.REFERRER_EMAIL);
    }

    @Test
    void aMashWhoseAgenciesAllReadTheEventTellsUnregisteredAgenciesByIt() {
        NotifySettings everyAgencyReads = NotifyFixtures.settings(Map.of(), UnregisteredAgencies.EVENT);

        assertThat(everyAgencyReads.reachOf("HEALTH-0010")).isEqualTo(Reach.EVENT_ALONE);
    }
}
