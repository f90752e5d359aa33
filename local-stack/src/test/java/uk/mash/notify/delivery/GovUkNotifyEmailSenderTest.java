package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import uk.mash.events.NotificationChannel;
import uk.mash.localstack.AgencyInbox;
import uk.mash.localstack.GovUkNotifyStandIn;
import uk.mash.localstack.GovUkNotifyStandIn.ReceivedNotifyEmail;
import uk.mash.notify.NotifySettings;

/**
 * The GOV.UK Notify email sender, with the real Notify client library, against the local stack's Notify stand-in
 * over HTTP: the template of each kind, the notification id as Notify reference, personalisation without the child's
 * details, and which of Notify's refusals are retried. (In the sender's package because the sender is not public.)
 */
class GovUkNotifyEmailSenderTest {

    private static final String SCHOOL = "SCHOOL-0001";
    private static AgencyInbox inbox;

    @BeforeAll
    static void startStandIn() {
        inbox = AgencyInbox.start(0, 0);
    }

    @AfterAll
    static void stopStandIn() {
        inbox.close();
    }

    @Test
    void emailsEachKindWithItsTemplateAndTheNotificationIdAsReference() {
        GovUkNotifyEmailSender sender = senderWithKey(GovUkNotifyStandIn.API_KEY);
        PendingDelivery outcome = aDelivery("OUTCOME", "EARLY_HELP", 1);
        PendingDelivery superseded = aDelivery("SUPERSEDED_OUTCOME", "SECTION_17_ASSESSMENT", 2);

        sender.send(outcome);
        sender.send(superseded);

        ReceivedNotifyEmail first = received(outcome);
        assertThat(first.templateId()).isEqualTo(GovUkNotifyStandIn.OUTCOME_TEMPLATE);
        assertThat(first.emailAddress()).isEqualTo("dsl@school.example");
        assertThat(first.personalisation()).containsOnlyKeys("agency_reference", "referral_reference", "decision",
                "message", "contact")
                .containsEntry("agency_reference", "SCH-" + outcome.notificationId().substring(0, 8))
                .containsEntry("referral_reference", outcome.referralId().toString())
                .containsEntry("decision", "Early Help (Level 2)")
                .containsEntry("contact", "Peterborough MASH");
        assertThat(received(superseded).templateId()).isEqualTo(GovUkNotifyStandIn.SUPERSEDED_OUTCOME_TEMPLATE);
        assertThat(received(superseded).personalisation())
                .containsEntry("decision", "Child and Family Assessment under section 17 (Level 3)");
    }

    @Test
    void aRepeatCarriesTheSameReferenceSoItIsKeptOnce() {
        GovUkNotifyEmailSender sender = senderWithKey(GovUkNotifyStandIn.API_KEY);
        PendingDelivery outcome = aDelivery("OUTCOME", "EARLY_HELP", 1);

        sender.send(outcome);
        sender.send(outcome);

        assertThat(received(outcome).deliveries()).isEqualTo(2);
        assertThat(inbox.govUkNotify().emails()).filteredOn(email -> email.reference()
                .equals(outcome.notificationId())).hasSize(1);
    }

    @Test
    void aMessageNotifyRefusesIsUndeliverable() {
        GovUkNotifyEmailSender sender = senderWithKey(GovUkNotifyStandIn.API_KEY);
        inbox.govUkNotify().failNextEmails(1, 400);

        assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                .isInstanceOf(UndeliverableMessage.class).hasMessageContaining("400")
                .hasMessageContaining("BadRequestError");
    }

    @Test
    void aTemplateNotifyDoesNotKnowIsUndeliverable() {
        GovUkNotifyEmailSender sender = new GovUkNotifyEmailSender(settings(GovUkNotifyStandIn.API_KEY,
                new NotifySettings.Templates(UUID.randomUUID().toString(), null, null, null)));

        assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                .isInstanceOf(UndeliverableMessage.class).hasMessageContaining("Template not found");
    }

    @Test
    void aKeyWithTheWrongSecretIsRefusedAsNotifyRefusesIt() {
        String wrongSecret = GovUkNotifyStandIn.API_KEY.substring(0, GovUkNotifyStandIn.API_KEY.length() - 36)
                + UUID.randomUUID();
        GovUkNotifyEmailSender sender = senderWithKey(wrongSecret);

        assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                .isInstanceOf(UndeliverableMessage.class).hasMessageContaining("403")
                .hasMessageContaining("signature");
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetried() {
        GovUkNotifyEmailSender sender = senderWithKey(GovUkNotifyStandIn.API_KEY);

        for (int status : List.of(429, 500, 503)) {
            inbox.govUkNotify().failNextEmails(1, status);
            assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                    .as("answer %d", status)
                    .isInstanceOf(IllegalStateException.class).isNotInstanceOf(UndeliverableMessage.class)
                    .hasMessageContaining(String.valueOf(status));
        }
    }

    @Test
    void notifyNotAnsweringIsRetriedRatherThanWaitedForForEver() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GovUkNotifyEmailSender sender = new GovUkNotifyEmailSender(settings(GovUkNotifyStandIn.API_KEY,
                    "http://localhost:" + silent.getLocalPort(), Duration.ofMillis(300)));

            assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                    .isInstanceOf(IllegalStateException.class).isNotInstanceOf(UndeliverableMessage.class)
                    .hasMessageContaining("answered nothing");
        }
    }

    @Test
    void waitsForAnApiKeyRatherThanGivingUp() {
        GovUkNotifyEmailSender sender = senderWithKey("");

        assertThatThrownBy(() -> sender.send(aDelivery("OUTCOME", "EARLY_HELP", 1)))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(UndeliverableMessage.class)
                .hasMessageContaining("api-key");
    }

    private static ReceivedNotifyEmail received(PendingDelivery delivery) {
        return inbox.govUkNotify().emails().stream()
                .filter(email -> delivery.notificationId().equals(email.reference()))
                .findFirst().orElseThrow();
    }

    private static PendingDelivery aDelivery(String subject, String outcome, int version) {
        UUID referralId = UUID.randomUUID();
        String notificationId = referralId + ":v" + version + ":EMAIL";
        ReferrerMessage message = new ReferrerMessage(notificationId, referralId.toString(), SCHOOL,
                "SCH-" + notificationId.substring(0, 8), subject, outcome, version, Instant.now(),
                "Your referral: the MASH has decided.", "Peterborough MASH");
        return new PendingDelivery(notificationId, referralId, SCHOOL, NotificationChannel.EMAIL,
                "dsl@school.example", message, 0, false);
    }

    private static GovUkNotifyEmailSender senderWithKey(String apiKey) {
        return new GovUkNotifyEmailSender(settings(apiKey, localTemplates()));
    }

    private static NotifySettings settings(String apiKey, String baseUrl, Duration timeout) {
        return settings(apiKey, baseUrl, timeout, localTemplates());
    }

    private static NotifySettings settings(String apiKey, NotifySettings.Templates templates) {
        return settings(apiKey, inbox.url().toString(), Duration.ofSeconds(5), templates);
    }

    private static NotifySettings.Templates localTemplates() {
        return new NotifySettings.Templates(GovUkNotifyStandIn.OUTCOME_TEMPLATE,
                GovUkNotifyStandIn.SUPERSEDED_OUTCOME_TEMPLATE, GovUkNotifyStandIn.REJECTION_TEMPLATE,
                GovUkNotifyStandIn.RETURNED_FOR_CONSENT_TEMPLATE);
    }

    private static NotifySettings settings(String apiKey, String baseUrl, Duration timeout,
            NotifySettings.Templates templates) {
        return new NotifySettings(Map.of(), "the MASH",
                new NotifySettings.Calendar(List.of(), "england-and-wales", List.of(), "Europe/London", "09:00",
                        "17:00", Duration.ofDays(90)),
                new NotifySettings.Sla(Duration.ofHours(4), Duration.ofSeconds(30)),
                Map.of(SCHOOL, new NotifySettings.AgencyChannels("dsl@school.example", null, null,
                        NotifySettings.EmailProvider.GOV_UK_NOTIFY, false)),
                NotifySettings.UnregisteredAgencies.REFERRER_EMAIL,
                new NotifySettings.Delivery(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(15),
                        Duration.ofSeconds(10), "mash@localhost", Duration.ofSeconds(30), 20, 1),
                new NotifySettings.Email(NotifySettings.EmailProvider.SMTP, new NotifySettings.GovUkNotify(apiKey,
                        baseUrl, templates, timeout)));
    }
}
