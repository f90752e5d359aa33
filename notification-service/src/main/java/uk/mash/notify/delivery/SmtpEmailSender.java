package uk.mash.notify.delivery;

import java.util.Date;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import uk.mash.events.NotificationChannel;
import uk.mash.events.NotificationSubject;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.NotifySettings.EmailProvider;

/**
 * Emails the message over SMTP ({@code spring.mail.*}). Its Message-ID is made from the notification id, so a mail
 * server or client that sees the same message twice can tell it is a repeat; the id is also in the header
 * {@code Idempotency-Key}. A destination that is not an email address, or a mail server refusing the message with a
 * permanent (5xx) reply, makes it {@link UndeliverableMessage}; a 4xx reply or no connection is retried. A batch's
 * emails go over one connection, closed when the batch is sent or an email fails. With a mail server configured and
 * any email to go over SMTP, the service will not start without a {@link SenderAddress} mail would get through from.
 */
@Component
class SmtpEmailSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

    /** The stream provider Jakarta Mail's service loader finds in Angus Mail, the implementation Spring Boot brings. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail looks its stream provider up through ServiceLoader, scanning the class path, for every MIME
        // part it writes (jakartaee/mail-api#861); named by this property, it is loaded by name instead
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), ANGUS_STREAM_PROVIDER);
        }
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final NotifySettings settings;
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();
    private volatile JavaMailSender resolved;

    SmtpEmailSender(ObjectProvider<JavaMailSender> mail, NotifySettings settings) {
        if (mail.getIfAvailable() != null && settings.emailsBySmtp()) {
            SenderAddress.requireUsable(settings.delivery().emailFrom());
        }
        this.mail = mail;
        this.settings = settings;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public boolean carries(PendingDelivery delivery) {
        return settings.emailProviderOf(delivery.agencyCode()) == EmailProvider.SMTP;
    }

    @Override
    public void send(PendingDelivery delivery) {
        JavaMailSender sender = mailSender();
        if (!(sender instanceof JavaMailSenderImpl smtp)) {
            throw new IllegalStateException("No mail server configured (spring.mail.host) for emails to referrers");
        }
        ReferrerMessage message = delivery.message();
        InternetAddress[] recipients = recipientsOf(delivery);
        MimeMessage email = new MimeMessage(smtp.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageIdOf(delivery.notificationId()));
            }
        };
        try {
            email.setFrom(new InternetAddress(settings.delivery().emailFrom()));
            email.setRecipients(MimeMessage.RecipientType.TO, recipients);
            email.setSubject("MASH referral " + message.agencyReference() + ": " + subjectLine(message.subject()),
                    "UTF-8");
            email.setHeader("Idempotency-Key", delivery.notificationId());
            email.setText(message.message() + "\n\nWhom to contact: " + message.contact() + "\n\nNotification "
                    + delivery.notificationId() + "\n", "UTF-8");
        }
        catch (MessagingException e) {
            throw new MailPreparationException("Cannot prepare the email for " + delivery.notificationId(), e);
        }
        try {
            email.setSentDate(new Date());
            email.saveChanges();
            connectionOf(smtp).sendMessage(email, email.getAllRecipients());
        }
        catch (MessagingException e) {
            closeConnection();
            MailSendException failure = new MailSendException(Map.of(email, e));
            Optional<Integer> permanent = permanentReplyIn(failure);
            if (permanent.isPresent()) {
                throw new UndeliverableMessage("Mail server refused the message for good: SMTP " + permanent.get());
            }
            throw failure;
        }
    }

    /** Closes the connection the batch's emails went over. */
    @Override
    public void batchSent() {
        closeConnection();
    }

    @Override
    public String circuitOf(PendingDelivery delivery) {
        return "email";
    }

    /**
     * The connection to the mail server this thread's batch is sending over, opened for its first email: a connection,
     * its greeting and its EHLO for a batch rather than for each email.
     */
    private Transport connectionOf(JavaMailSenderImpl smtp) throws MessagingException {
        Transport open = connection.get();
        if (open == null) {
            String protocol = smtp.getProtocol() != null ? smtp.getProtocol()
                    : smtp.getSession().getProperty("mail.transport.protocol");
            open = smtp.getSession().getTransport(protocol != null ? protocol : "smtp");
            open.connect(smtp.getHost(), smtp.getPort(), blankAsNone(smtp.getUsername()),
                    blankAsNone(smtp.getPassword()));
            connection.set(open);
        }
        return open;
    }

    private void closeConnection() {
        Transport open = connection.get();
        connection.remove();
        if (open != null) {
            try {
                open.close();
            }
            catch (MessagingException e) {
                log.debug("The mail server's connection did not close cleanly: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static String blankAsNone(String setting) {
        return setting == null || setting.isEmpty() ? null : setting;
    }

    /** Looked up once it is there: a look-up resolves the bean again, a cost an email need not pay each time. */
    private JavaMailSender mailSender() {
        JavaMailSender known = resolved;
        if (known == null) {
            known = mail.getIfAvailable();
            resolved = known;
        }
        return known;
    }

    private static InternetAddress[] recipientsOf(PendingDelivery delivery) {
        try {
            return InternetAddress.parse(delivery.destination());
        }
        catch (AddressException e) {
            // its message says what is wrong with the address without quoting it
            throw new UndeliverableMessage("Not an email address: " + e.getMessage());
        }
    }

    /**
     * The first permanent (5xx) reply the mail server gave to the message's sender, a recipient or its content; a
     * recipient refused is one of a chain of exceptions, one per address.
     */
    private static Optional<Integer> permanentReplyIn(MailSendException e) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Exception each = failure; each != null;
                    each = each instanceof MessagingException chained ? chained.getNextException() : null) {
                int reply = each instanceof SMTPAddressFailedException recipient ? recipient.getReturnCode()
                        : each instanceof SMTPSendFailedException message ? message.getReturnCode() : 0;
                if (reply >= 500 && reply < 600) {
                    return Optional.of(reply);
                }
            }
        }
        return Optional.empty();
    }

    static String messageIdOf(String notificationId) {
        return "<" + notificationId.replace(':', '.') + "@referrals.mash>";
    }

    private static String subjectLine(String subject) {
        return switch (NotificationSubject.valueOf(subject)) {
            case OUTCOME -> "the MASH decision";
            case SUPERSEDED_OUTCOME -> "a changed MASH decision";
            case REJECTION -> "not accepted";
            case RETURNED_FOR_CONSENT -> "returned for consent";
        };
    }
}
