package uk.mash.notify.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;

/** Operations are warned while there is time to add the next year's bank holidays. */
class CalendarCoverageTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void runsOutSoonWithinNinetyDaysOfTheLastCoveredDate() {
        CalendarCoverage coverage = coverageOn("2030-10-15T09:00:00Z");

        assertThat(coverage.runsOutSoon()).isTrue();
        assertThat(meters.get("referrals.calendar.coverage.days").gauge().value()).isEqualTo(77);
    }

    @Test
    void doesNotWarnWithMoreThanNinetyDaysLeft() {
        assertThat(coverageOn("2030-09-01T09:00:00Z").runsOutSoon()).isFalse();
    }

    @Test
    void aHolidayAddedInConfigurationForALaterYearDoesNotExtendCoverage() {
        NotifySettings fixture = NotifyFixtures.settings(Map.of());
        NotifySettings.Calendar bundledFeedAndOneProclaimedDay = new NotifySettings.Calendar(
                List.of("classpath:calendar/bank-holidays.json"), "england-and-wales", List.of("2031-06-02"),
                "Europe/London", "09:00", "17:00", Duration.ofDays(90));
        NotifySettings settings = new NotifySettings(fixture.contacts(), fixture.defaultContact(),
                bundledFeedAndOneProclaimedDay, fixture.sla(), fixture.agencies(), fixture.unregisteredAgencies(), fixture.delivery(), fixture.email());

        WorkingDayCalendar calendar = new WorkingDayCalendarConfiguration().workingDayCalendar(settings,
                new DefaultResourceLoader(), JsonMapper.builder().build());

        assertThat(calendar.coveredUntil()).as("the last year of the feed").isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 6, 2))).as("the proclaimed day").isFalse();
        assertThat(new CalendarCoverage(calendar, Clock.fixed(Instant.parse("2030-11-01T09:00:00Z"), ZoneOffset.UTC),
                settings, meters).runsOutSoon()).isTrue();
    }

    private CalendarCoverage coverageOn(String now) {
        NotifySettings settings = NotifyFixtures.settings(Map.of());
        WorkingDayCalendar calendar = WorkingDayCalendarTest.bundledCalendar(Set.of());
        return new CalendarCoverage(calendar, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), settings, meters);
    }
}
