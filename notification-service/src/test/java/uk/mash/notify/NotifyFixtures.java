package uk.mash.notify;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.notify.calendar.WorkingDayCalendar;
import uk.mash.notify.sla.SlaClock;

/**
 * Settings, a calendar and an SLA clock for tests that build the notifier's parts by hand, without its Spring context.
 */
public final class NotifyFixtures {

    private NotifyFixtures() {
    }

    /**
     * The shipped defaults' shape, with these agencies' email and webhook channels; every other agency is told by the
     * event, as in a MASH whose agency systems all read referrer.notifications.v1.
     */
    public static NotifySettings settings(Map<String, NotifySettings.AgencyChannels> agencies) {
        return settings(agencies, NotifySettings.UnregisteredAgencies.EVENT);
    }

    /** As {@link #settings(Map)}, with agencies not given told as {@code unregistered} says. */
    public static NotifySettings settings(Map<String, NotifySettings.AgencyChannels> agencies,
            NotifySettings.UnregisteredAgencies unregistered) {
        return new NotifySettings(Map.of(), "the MASH",
                new NotifySettings.Calendar(List.of(), "england-and-wales", List.of(), "Europe/London", "09:00",
                        "17:00", Duration.ofDays(90)),
                new NotifySettings.Sla(Duration.ofHours(4), Duration.ofSeconds(30)), agencies, unregistered,
                new NotifySettings.Delivery(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(15),
                        Duration.ofSeconds(10), "mash-notifications@mash.example", Duration.ofSeconds(30),
                        20, 1),
                new NotifySettings.Email(NotifySettings.EmailProvider.SMTP, new NotifySettings.GovUkNotify(null,
                        "https://api.notifications.service.gov.uk",
                        new NotifySettings.Templates(null, null, null, null), Duration.ofSeconds(10))));
    }

    /** These settings with {@code senders} batches of messages sent at once. */
    public static NotifySettings withSenders(NotifySettings settings, int senders) {
        NotifySettings.Delivery delivery = settings.delivery();
        return new NotifySettings(settings.contacts(), settings.defaultContact(), settings.calendar(), settings.sla(),
                settings.agencies(), settings.unregisteredAgencies(), new NotifySettings.Delivery(
                        delivery.pollInterval(), delivery.firstRetryAfter(), delivery.maxRetryAfter(),
                        delivery.webhookTimeout(), delivery.emailFrom(), delivery.circuitBreakerWait(),
                        delivery.batchSize(), senders), settings.email());
    }

    /** Working days Monday to Friday, 09:00 to 17:00 London time, with no bank holidays, until 2030. */
    public static WorkingDayCalendar weekdaysWithoutBankHolidays() {
        return new WorkingDayCalendar(Set.of(), LocalDate.of(2030, 12, 31), ZoneId.of("Europe/London"),
                LocalTime.of(9, 0), LocalTime.of(17, 0));
    }

    /** The SLA clocks in this database, with the default settings and the calendar above. */
    public static SlaClock slaClock(JdbcTemplate jdbc) {
        return new SlaClock(jdbc, weekdaysWithoutBankHolidays(), settings(Map.of()), new SimpleMeterRegistry());
    }
}
