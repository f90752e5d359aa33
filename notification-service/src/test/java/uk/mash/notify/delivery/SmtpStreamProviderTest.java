package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

/** The stream provider the SMTP sender names for Jakarta Mail must be the one it would have looked up itself. */
class SmtpStreamProviderTest {

    @Test
    void namedStreamProviderIsTheOneTheServiceLoaderFinds() throws ClassNotFoundException {
        String found = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName();

        Class.forName(SmtpEmailSender.class.getName(), true, SmtpEmailSender.class.getClassLoader());

        assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(found);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(found);
    }
}
