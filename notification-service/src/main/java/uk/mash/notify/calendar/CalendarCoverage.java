package uk.mash.notify.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.mash.notify.NotifySettings;

/**
 * Watches how far ahead the bank-holiday data reaches. Past its end every weekday counts as a working day, so
 * deadlines over a missing bank holiday would come a day early: operations are warned while there is time to add
 * the next year's holidays (metric {@code referrals.calendar.coverage.days}, and a warning in the log).
 */
@Component
class CalendarCoverage {

    private static final Logger log = LoggerFactory.getLogger(CalendarCoverage.class);

    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final Duration warnWithin;

    CalendarCoverage(WorkingDayCalendar calendar, Clock clock, NotifySettings settings, MeterRegistry meters) {
        this.calendar = calendar;
        this.clock = clock;
        this.warnWithin = settings.calendar().warnWithin();
        Gauge.builder("referrals.calendar.coverage.days", this, CalendarCoverage::daysCovered)
                .description("Days from today to the last date the bank-holiday calendar covers")
                .register(meters);
    }

    long daysCovered() {
        return ChronoUnit.DAYS.between(today(), calendar.coveredUntil());
    }

    boolean runsOutSoon() {
        return daysCovered() < warnWithin.toDays();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 0 8 * * *", zone = "Europe/London")
    void warnIfRunningOut() {
        if (runsOutSoon()) {
            log.warn("The working-day calendar covers bank holidays only until {} ({} days): add a bank-holiday "
                    + "feed with the next year's (referrals.notify.calendar.sources) or deadlines will ignore them",
                    calendar.coveredUntil(), daysCovered());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(calendar.zone()));
    }
}
