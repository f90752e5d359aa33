package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import uk.mash.notify.NotifySettings;
import uk.mash.notify.delivery.SenderAddress.UnusableSenderAddress;

/**
 * With a mail server configured and emails going over SMTP, the notifier will not start unless it has a sender mail
 * would get through from: unset, as the service ships, or at localhost, the failure names the setting and
 * NOTIFY_EMAIL_FROM. With a real address it starts, and with no mail server or every email through GOV.UK Notify it
 * needs none.
 */
@ExtendWith(OutputCaptureExtension.class)
class SenderAddressRequiredTest {

    private static final String MAIL_SERVER = "spring.mail.host=smtp.council.example";

    /** The notifier's email senders and settings, bound from its own application.yml. */
    private final ApplicationContextRunner notifier = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(EmailSending.class);

    @Test
    void withAMailServerAndNoSenderSetItWillNotStart() {
        notifier.withPropertyValues(MAIL_SERVER).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(UnusableSenderAddress.class)
                    .hasMessageStartingWith("referrals.notify.delivery.email-from (environment variable "
                            + "NOTIFY_EMAIL_FROM) is not set, so the notification service will not start");
        });
    }

    @Test
    void withAMailServerAndTheOldLocalhostSenderItWillNotStartAndSaysToSetNotifyEmailFrom() {
        notifier.withPropertyValues(MAIL_SERVER, "NOTIFY_EMAIL_FROM=mash-notifications@localhost").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("NOTIFY_EMAIL_FROM) is at localhost (mash-notifications@localhost)");
            assertThat(new SenderAddressFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                    .startsWith("Set NOTIFY_EMAIL_FROM (referrals.notify.delivery.email-from) to an address at the "
                            + "council's own mail domain");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "mash-notifications@mailhost", "mash-notifications@[10.0.0.5]",
        "mash@notify.localhost", "mash-notifications", "the MASH" })
    void withAMailServerAndASenderWithNoRealDomainItWillNotStart(String sender) {
        notifier.withPropertyValues(MAIL_SERVER, "NOTIFY_EMAIL_FROM=" + sender).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(UnusableSenderAddress.class)
                    .hasMessageContaining("NOTIFY_EMAIL_FROM");
        });
    }

    @Test
    void withAMailServerAndARealSenderItStarts() {
        notifier.withPropertyValues(MAIL_SERVER,
                "NOTIFY_EMAIL_FROM=Peterborough MASH <mash-notifications@peterborough.gov.uk>")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SmtpEmailSender.class));
    }

    @Test
    void withNoMailServerItStartsWithNoSender() {
        notifier.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SmtpEmailSender.class));
    }

    @Test
    void withEveryEmailThroughGovUkNotifyItStartsWithNoSender() {
        notifier.withPropertyValues(MAIL_SERVER, "referrals.notify.email.provider=gov-uk-notify")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anAgencyEmailedOverSmtpNeedsASenderThoughEveryOtherGoesThroughGovUkNotify() {
        notifier.withPropertyValues(MAIL_SERVER, "referrals.notify.email.provider=gov-uk-notify",
                "referrals.notify.agencies[POLICE-0001].email=mash-liaison@police.example",
                "referrals.notify.agencies[POLICE-0001].email-provider=smtp")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theRefusalIsExplainedAtStartUp(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(EmailSending.class,
                MailSenderAutoConfiguration.class).web(WebApplicationType.NONE);

        assertThatException().isThrownBy(() -> application.run("--" + MAIL_SERVER));

        assertThat(output).contains("APPLICATION FAILED TO START").contains("Set NOTIFY_EMAIL_FROM");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifySettings.class)
    @Import(SmtpEmailSender.class)
    static class EmailSending {
    }
}
