package uk.mash.notify.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

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

    private CalendarCoverage coverageOn(String now) {
        NotifySettings settings = NotifyFixtures.settings(Map.of());
        WorkingDayCalendar calendar = WorkingDayCalendarTest.bundledCalendar(Set.of());
        return new CalendarCoverage(calendar, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), settings, meters);
    }
}
