package uk.mash.notify.delivery;

import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The address emails to referrers are sent from over SMTP ({@code referrals.notify.delivery.email-from}). A mail
 * server refuses to relay mail from an address with no real domain, so every message would be undeliverable; or it
 * relays it, and the referrer's mail server bounces it or files it as spam while the notifier, its message accepted,
 * counts it delivered and stops the SLA clock for a referrer never told. It was once left at
 * {@code mash-notifications@localhost} and listed nowhere, so the notifier will not start sending over SMTP unless
 * the sender is set to an address at a real domain.
 */
final class SenderAddress {

    static final String SETTING = "referrals.notify.delivery.email-from";
    static final String ENVIRONMENT_VARIABLE = "NOTIFY_EMAIL_FROM";

    private SenderAddress() {
    }

    /** Refuses a sender no mail would get through from; {@code address} may carry a name, {@code MASH <...>}. */
    static void requireUsable(String address) {
        String problem = problemWith(address);
        if (problem != null) {
            throw new UnusableSenderAddress(SETTING + " (environment variable " + ENVIRONMENT_VARIABLE + ") "
                    + problem + ", so the notification service will not start: it emails referrers over SMTP "
                    + "(spring.mail.host), and mail from no real address is refused by the mail server, or bounced or "
                    + "filed as spam by the referrer's while it is counted delivered");
        }
    }

    private static String problemWith(String address) {
        if (address == null || address.isBlank()) {
            return "is not set";
        }
        String mailbox;
        try {
            mailbox = new InternetAddress(address.strip(), true).getAddress();
        }
        catch (AddressException e) {
            return "is not an email address (" + address + ")";
        }
        int at = mailbox.lastIndexOf('@');
        if (at < 0 || at == mailbox.length() - 1) {
            return "has no domain (" + address + ")";
        }
        String domain = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.equals("localhost") || domain.endsWith(".localhost")) {
            return "is at localhost (" + address + ")";
        }
        if (!domain.contains(".") || domain.startsWith("[")) {
            return "has no real domain (" + address + ")";
        }
        return null;
    }

    /** The sender set would have mail refused, bounced or filed as spam. */
    static final class UnusableSenderAddress extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        UnusableSenderAddress(String message) {
            super(message);
        }
    }
}
