package uk.mash.notify;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification service, bound from {@code referrals.notify.*}.
 *
 * @param contacts whom a referrer should contact about a referral, by local authority code
 * @param defaultContact the contact when a local authority has none configured
 * @param calendar the working-day calendar the one-working-day deadline is counted in
 * @param sla when the SLA clock warns and how often it looks
 * @param agencies the agencies the MASH has registered, by agency code: the channels each is told on besides the
 *        event, and whether its system reads the event
 * @param unregisteredAgencies how the referrer is told when their agency is not registered, or has no channel and
 *        does not read the event
 * @param delivery how email and webhook messages are sent and retried
 * @param email which service emails go through: an SMTP server or GOV.UK Notify
 */
@ConfigurationProperties("referrals.notify")
public record NotifySettings(@DefaultValue Map<String, String> contacts,
        @DefaultValue("the Multi-Agency Safeguarding Hub that received the referral") String defaultContact,
        @DefaultValue Calendar calendar, @DefaultValue Sla sla, @DefaultValue Map<String, AgencyChannels> agencies,
        @DefaultValue("referrer-email") UnregisteredAgencies unregisteredAgencies,
        @DefaultValue Delivery delivery, @DefaultValue Email email) {

    public String contactFor(String localAuthority) {
        return localAuthority == null ? defaultContact : contacts.getOrDefault(localAuthority, defaultContact);
    }

    /** The channels configured for an agency; agency codes match whatever their case in configuration. */
    public AgencyChannels channelsOf(String agencyCode) {
        return Optional.ofNullable(agencyCode)
                .flatMap(code -> agencies.entrySet().stream()
                        .filter(entry -> entry.getKey().equalsIgnoreCase(code))
                        .map(Map.Entry::getValue)
                        .findFirst())
                .orElse(AgencyChannels.NONE);
    }

    /** How a referrer from this agency is told beyond the event on referrer.notifications.v1. */
    public Reach reachOf(String agencyCode) {
        return reachWith(channelsOf(agencyCode));
    }

    /** How a referrer from an agency with these channels is told beyond the event. */
    public Reach reachWith(AgencyChannels channels) {
        if (channels.sendsMessages()) {
            return Reach.AGENCY_MESSAGES;
        }
        if (channels.readsNotifications() || unregisteredAgencies == UnregisteredAgencies.EVENT) {
            return Reach.EVENT_ALONE;
        }
        return Reach.REFERRER_EMAIL;
    }

    /** Whether any email goes over SMTP: the service-wide provider's, or an agency's by its own choice. */
    public boolean emailsBySmtp() {
        return email.provider() == EmailProvider.SMTP
                || agencies.values().stream().anyMatch(agency -> agency.emailProvider() == EmailProvider.SMTP);
    }

    /** The service an agency's emails go through: its own choice, else the service-wide one. */
    public EmailProvider emailProviderOf(String agencyCode) {
        EmailProvider chosen = channelsOf(agencyCode).emailProvider();
        return chosen == null ? email.provider() : chosen;
    }

    /**
     * @param sources bank-holiday files in the format of https://www.gov.uk/bank-holidays.json; their events are
     *        merged, so a newer download can replace or extend the bundled one
     * @param division the division of the feed to use
     * @param additionalHolidays further non-working days (ISO dates), e.g. a newly announced bank holiday
     * @param zone the time zone working days are counted in
     * @param startOfWorkingDay when a working day starts (for counting working hours)
     * @param endOfWorkingDay when a working day ends: the deadline is the end of a working day
     * @param warnWithin warn (log and metric) when the calendar's data runs out within this time
     */
    public record Calendar(@DefaultValue("classpath:calendar/bank-holidays.json") List<String> sources,
            @DefaultValue("england-and-wales") String division, @DefaultValue List<String> additionalHolidays,
            @DefaultValue("Europe/London") String zone, @DefaultValue("09:00") String startOfWorkingDay,
            @DefaultValue("17:00") String endOfWorkingDay, @DefaultValue("90d") Duration warnWithin) {

        public ZoneId zoneId() {
            return ZoneId.of(zone);
        }

        public LocalTime workingDayStarts() {
            return LocalTime.parse(startOfWorkingDay);
        }

        public LocalTime workingDayEnds() {
            return LocalTime.parse(endOfWorkingDay);
        }

        public List<LocalDate> additionalHolidayDates() {
            return additionalHolidays.stream().map(LocalDate::parse).toList();
        }
    }

    /**
     * @param atRiskBefore working time before the deadline at which a referral not yet told is at risk
     * @param sweepInterval how often the SLA clock looks for referrals at risk or past their deadline
     */
    public record Sla(@DefaultValue("4h") Duration atRiskBefore, @DefaultValue("30s") Duration sweepInterval) {
    }

    /**
     * How a referrer is told, besides the event on referrer.notifications.v1 that every notification is.
     */
    public enum Reach {
        /** By the agency's own email or webhook; told once they are delivered. */
        AGENCY_MESSAGES,
        /** By the event alone: the agency's system reads referrer.notifications.v1. */
        EVENT_ALONE,
        /**
         * By an email to the address the referrer gave, the agency being one the MASH has no way to reach: a
         * mistyped or unregistered agency code would otherwise be told on a topic nobody reads.
         */
        REFERRER_EMAIL
    }

    /** How a referrer is told whose agency is not registered, or has no channel and does not read the event. */
    public enum UnregisteredAgencies {
        /** An email to the address the referrer gave; with none, the referrer is not told and the SLA clock runs on. */
        REFERRER_EMAIL,
        /** The event alone, for a MASH whose agencies all read referrer.notifications.v1. */
        EVENT
    }

    /**
     * @param email the address the agency's notifications are emailed to; none for no email
     * @param webhookUrl the agency system's endpoint for notifications; none for no webhook
     * @param webhookSecret the shared secret the webhook body is signed with (HMAC-SHA256)
     * @param emailProvider the service this agency's emails go through; none for {@code referrals.notify.email.provider}
     * @param readsNotifications whether the agency's system reads referrer.notifications.v1, so is told by the event
     *        when it has no email or webhook
     */
    public record AgencyChannels(String email, String webhookUrl, String webhookSecret, EmailProvider emailProvider,
            boolean readsNotifications) {

        public static final AgencyChannels NONE = new AgencyChannels(null, null, null, null, false);

        public boolean emails() {
            return email != null && !email.isBlank();
        }

        public boolean callsWebhook() {
            return webhookUrl != null && !webhookUrl.isBlank();
        }

        /** Told by email or webhook as well as by the event: messages to deliver before the referrer is told. */
        public boolean sendsMessages() {
            return emails() || callsWebhook();
        }
    }

    /**
     * @param pollInterval how often pending email and webhook messages are looked for
     * @param firstRetryAfter wait before the first retry of a failed message; doubles on each failure
     * @param maxRetryAfter the longest wait between retries; a message is retried until it is delivered
     * @param webhookTimeout connect and read timeout of a webhook call
     * @param emailFrom the sender of emails sent over SMTP, at a real mail domain; none by default, and required
     *        (refused at localhost or with no real domain) once a mail server is configured and SMTP is in use
     * @param circuitBreakerWait how long a failing destination is left alone before it is tried again
     * @param batchSize how many messages are sent in one database transaction at most
     * @param senders how many batches are sent at once, each by its own thread and database connection
     */
    public record Delivery(@DefaultValue("1s") Duration pollInterval, @DefaultValue("2s") Duration firstRetryAfter,
            @DefaultValue("15m") Duration maxRetryAfter, @DefaultValue("10s") Duration webhookTimeout,
            String emailFrom,
            @DefaultValue("30s") Duration circuitBreakerWait, @DefaultValue("20") int batchSize,
            @DefaultValue("2") int senders) {

        public Delivery {
            if (batchSize < 1) {
                throw new IllegalArgumentException("referrals.notify.delivery.batch-size must be at least 1, not "
                        + batchSize);
            }
            if (senders < 1) {
                throw new IllegalArgumentException("referrals.notify.delivery.senders must be at least 1, not "
                        + senders);
            }
        }
    }

    /** The services an email to a referrer can go through. */
    public enum EmailProvider {
        SMTP, GOV_UK_NOTIFY
    }

    /**
     * @param provider the service emails go through unless an agency chooses another
     * @param govUkNotify how GOV.UK Notify is called when it is the provider
     */
    public record Email(@DefaultValue("smtp") EmailProvider provider, @DefaultValue GovUkNotify govUkNotify) {
    }

    /**
     * @param apiKey the service's GOV.UK Notify API key ({@code <key name>-<service id>-<secret>}); none by default
     * @param baseUrl where the Notify API is
     * @param templates the Notify email template of each kind of message to a referrer
     * @param timeout connect and read timeout of a call to Notify
     */
    public record GovUkNotify(String apiKey,
            @DefaultValue("https://api.notifications.service.gov.uk") String baseUrl,
            @DefaultValue Templates templates, @DefaultValue("10s") Duration timeout) {

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /**
     * Notify template ids (UUIDs) per kind of message; each template may use the personalisation
     * {@code ((agency_reference))}, {@code ((referral_reference))}, {@code ((decision))}, {@code ((message))} and
     * {@code ((contact))}.
     *
     * @param outcome the MASH decision on a referral
     * @param supersededOutcome a decision that replaces an earlier one
     * @param rejection a submission the MASH did not accept
     * @param returnedForConsent a referral returned to the referrer to seek consent
     */
    public record Templates(String outcome, String supersededOutcome, String rejection, String returnedForConsent) {
    }
}
