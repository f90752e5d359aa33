package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifyFixtures;

/**
 * What a mail server answers over real SMTP decides whether an email is tried again: a permanent refusal (5xx) would
 * be refused again, so it is undeliverable, as a message GOV.UK Notify refuses is; a refusal for now (4xx) or no
 * mail server is tried again.
 */
class SmtpRefusalsTest {

    private static final String AGENCY = "POLICE-0001";

    private final JavaMailSenderImpl smtp = new JavaMailSenderImpl();
    private RefusingMailServer mailServer;
    private SmtpEmailSender sender;

    @BeforeEach
    void startMailServer() {
        mailServer = new RefusingMailServer();
        smtp.setHost("localhost");
        smtp.setPort(mailServer.port());
        smtp.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        smtp.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("mailSender", smtp);
        sender = new SmtpEmailSender(beans.getBeanProvider(JavaMailSender.class), NotifyFixtures.settings(Map.of()));
    }

    @AfterEach
    void stopMailServer() throws IOException {
        mailServer.close();
    }

    @Test
    void anEmailTheMailServerAcceptsIsSent() {
        sender.send(emailTo("safeguarding@police.example"));

        assertThat(mailServer.accepted()).containsExactly("safeguarding@police.example");
    }

    @Test
    void aBatchsEmailsGoOverOneConnectionAndTheNextBatchOpensItsOwn() {
        sender.send(emailTo("safeguarding@police.example"));
        sender.send(emailTo("duty-inspector@police.example"));
        sender.send(emailTo("mash-liaison@police.example"));
        sender.batchSent();
        sender.send(emailTo("safeguarding@police.example"));
        sender.batchSent();

        assertThat(mailServer.accepted()).hasSize(4);
        assertThat(mailServer.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void anEmailAfterOneRefusedInTheSameBatchIsSent() {
        assertThatThrownBy(() -> sender.send(emailTo("unknown@police.example")))
                .isInstanceOf(UndeliverableMessage.class);
        sender.send(emailTo("safeguarding@police.example"));
        sender.batchSent();

        assertThat(mailServer.accepted()).containsExactly("safeguarding@police.example");
    }

    @Test
    void aRecipientRefusedForGoodIsUndeliverable() {
        assertThatThrownBy(() -> sender.send(emailTo("unknown@police.example")))
                .isInstanceOf(UndeliverableMessage.class)
                .hasMessage("Mail server refused the message for good: SMTP 550");
    }

    @Test
    void contentRefusedForGoodIsUndeliverable() {
        assertThatThrownBy(() -> sender.send(emailTo("blocked@police.example")))
                .isInstanceOf(UndeliverableMessage.class)
                .hasMessage("Mail server refused the message for good: SMTP 554");
    }

    @Test
    void aDestinationThatIsNotAnEmailAddressIsUndeliverableWithoutQuotingIt() {
        assertThatThrownBy(() -> sender.send(emailTo("the duty sergeant")))
                .isInstanceOf(UndeliverableMessage.class)
                .hasMessageStartingWith("Not an email address: ")
                .message().doesNotContain("sergeant");
    }

    @Test
    void aRecipientRefusedForNowIsTriedAgain() {
        assertThatThrownBy(() -> sender.send(emailTo("full@police.example")))
                .isInstanceOf(MailSendException.class);
    }

    @Test
    void noMailServerIsTriedAgain() throws IOException {
        try (ServerSocket nothingListening = new ServerSocket(0)) {
            smtp.setPort(nothingListening.getLocalPort());
        }

        assertThatThrownBy(() -> sender.send(emailTo("safeguarding@police.example")))
                .isInstanceOf(MailSendException.class);
    }

    private static PendingDelivery emailTo(String destination) {
        String notificationId = UUID.randomUUID() + ":v1:EMAIL";
        ReferrerMessage message = new ReferrerMessage(notificationId, UUID.randomUUID().toString(), AGENCY,
                "POL-REF-1", "OUTCOME", "EARLY_HELP", 1, Instant.now(), "Early Help", "the MASH");
        return new PendingDelivery(notificationId, UUID.randomUUID(), AGENCY, NotificationChannel.EMAIL, destination,
                message, 0, false);
    }
}
