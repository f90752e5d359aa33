package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import uk.mash.events.NotificationChannel;

/** The keys an agency system or mail server can tell a repeated message by, and the signature it checks. */
class IdempotencyKeysTest {

    @Test
    void signatureIsHexHmacSha256OfTheBodyWithTheSharedSecret() {
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.of(body, "key"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void eachChannelHasTheEventsKeyWithItsOwnChannel() {
        assertThat(Deliveries.idFor("0ff65571-89b6-410e-a68b-0d5cfd0b0ada:v2:EVENT", NotificationChannel.WEBHOOK))
                .isEqualTo("0ff65571-89b6-410e-a68b-0d5cfd0b0ada:v2:WEBHOOK");
        assertThat(Deliveries.idFor("rejected:5b0c7a4e-0000-4000-8000-000000000001:EVENT", NotificationChannel.EMAIL))
                .isEqualTo("rejected:5b0c7a4e-0000-4000-8000-000000000001:EMAIL");
    }

    @Test
    void emailMessageIdIsMadeFromTheNotificationId() {
        assertThat(SmtpEmailSender.messageIdOf("0ff65571-89b6-410e-a68b-0d5cfd0b0ada:v1:EMAIL"))
                .isEqualTo("<0ff65571-89b6-410e-a68b-0d5cfd0b0ada.v1.EMAIL@referrals.mash>");
    }
}
