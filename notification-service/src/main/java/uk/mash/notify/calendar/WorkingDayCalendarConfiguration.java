package uk.mash.notify.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.NotifySettings;

/**
 * Builds the working-day calendar from the bundled bank-holiday feed, any further feeds configured, and dates listed
 * in configuration. The calendar is covered up to the end of the last year a feed has a holiday in; dates listed in
 * configuration are holidays but extend no coverage.
 */
@Configuration(proxyBeanMethods = false)
class WorkingDayCalendarConfiguration {

    private static final TypeReference<Map<String, BankHolidayFeed.Division>> FEED = new TypeReference<>() {
    };

    @Bean
    WorkingDayCalendar workingDayCalendar(NotifySettings settings, ResourceLoader resources, JsonMapper json) {
        NotifySettings.Calendar calendar = settings.calendar();
        Set<LocalDate> holidays = new HashSet<>();
        for (String source : calendar.sources()) {
            holidays.addAll(holidaysIn(resources.getResource(source.trim()), calendar.division(), json));
        }
        // a feed lists a whole year's bank holidays; a day added by hand (one proclaimed) says nothing of the rest
        // of its year
        LocalDate coveredUntil = holidays.stream().max(LocalDate::compareTo)
                .map(last -> LocalDate.of(last.getYear(), 12, 31))
                .orElseThrow(() -> new IllegalStateException("The working-day calendar has no bank holidays: "
                        + "check referrals.notify.calendar.sources and division"));
        holidays.addAll(calendar.additionalHolidayDates());
        return new WorkingDayCalendar(holidays, coveredUntil, calendar.zoneId(), calendar.workingDayStarts(),
                calendar.workingDayEnds());
    }

    static Set<LocalDate> holidaysIn(Resource source, String division, JsonMapper json) {
        try (InputStream in = source.getInputStream()) {
            BankHolidayFeed.Division events = json.readValue(in, FEED).get(division);
            if (events == null) {
                throw new IllegalStateException("No division " + division + " in bank holidays " + source);
            }
            Set<LocalDate> dates = new HashSet<>();
            events.events().forEach(event -> dates.add(event.date()));
            return dates;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read bank holidays " + source, e);
        }
    }
}
