package uk.mash.notify.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-working-day deadline (docs/working-days.md): the end (17:00 Europe/London) of the first working day after
 * the day of receipt, a non-working day of receipt counting as the next working day.
 */
class WorkingDayCalendarTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final WorkingDayCalendar CALENDAR = bundledCalendar(Set.of());

    static WorkingDayCalendar bundledCalendar(Set<LocalDate> additional) {
        Set<LocalDate> holidays = new HashSet<>(WorkingDayCalendarConfiguration.holidaysIn(
                new DefaultResourceLoader().getResource("classpath:calendar/bank-holidays.json"), "england-and-wales",
                JsonMapper.builder().build()));
        holidays.addAll(additional);
        return new WorkingDayCalendar(holidays, LocalDate.of(2030, 12, 31), LONDON, LocalTime.of(9, 0),
                LocalTime.of(17, 0));
    }

    @ParameterizedTest(name = "received {0} ({1}) -> due {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-24T10:00:00Z | Tuesday morning                            | 2026-11-25T17:00:00Z
            2026-11-24T16:59:00Z | Tuesday, just before close                 | 2026-11-25T17:00:00Z
            2026-11-24T23:59:00Z | Tuesday, late evening                      | 2026-11-25T17:00:00Z
            2026-11-27T09:00:00Z | Friday                                     | 2026-11-30T17:00:00Z
            2026-11-27T22:00:00Z | Friday night                               | 2026-11-30T17:00:00Z
            2026-11-28T12:00:00Z | Saturday: counts as Monday                 | 2026-12-01T17:00:00Z
            2026-11-29T12:00:00Z | Sunday: counts as Monday                   | 2026-12-01T17:00:00Z
            2026-12-23T10:00:00Z | Wednesday before Christmas                 | 2026-12-24T17:00:00Z
            2026-12-24T10:00:00Z | Christmas Eve (Thursday)                   | 2026-12-29T17:00:00Z
            2026-12-25T10:00:00Z | Christmas Day (Friday)                     | 2026-12-30T17:00:00Z
            2026-12-26T10:00:00Z | Boxing Day on a Saturday                   | 2026-12-30T17:00:00Z
            2026-12-28T10:00:00Z | Boxing Day substitute (Monday)             | 2026-12-30T17:00:00Z
            2026-12-31T10:00:00Z | New Year's Eve (Thursday)                  | 2027-01-04T17:00:00Z
            2021-12-24T10:00:00Z | Friday before Christmas on a Saturday      | 2021-12-29T17:00:00Z
            2021-12-27T10:00:00Z | Christmas substitute day                   | 2021-12-30T17:00:00Z
            2021-12-31T10:00:00Z | Friday before New Year on a Saturday       | 2022-01-04T17:00:00Z
            2022-12-23T10:00:00Z | Friday before Christmas on a Sunday        | 2022-12-28T17:00:00Z
            2022-12-30T10:00:00Z | Friday before New Year on a Sunday         | 2023-01-03T17:00:00Z
            2022-06-01T10:00:00Z | Wednesday before the Jubilee weekend       | 2022-06-06T16:00:00Z
            2022-09-16T10:00:00Z | Friday before the Queen's state funeral    | 2022-09-20T16:00:00Z
            2023-05-05T10:00:00Z | Friday before the coronation holiday       | 2023-05-09T16:00:00Z
            2020-05-07T10:00:00Z | Thursday before VE day                     | 2020-05-11T16:00:00Z
            2026-04-02T10:00:00Z | Maundy Thursday                            | 2026-04-07T16:00:00Z
            2026-03-27T12:00:00Z | Friday before BST starts                   | 2026-03-30T16:00:00Z
            2026-03-28T23:30:00Z | Saturday night as BST starts               | 2026-03-31T16:00:00Z
            2026-03-29T23:30:00Z | Sunday 23:30 UTC is Monday 00:30 BST       | 2026-03-31T16:00:00Z
            2026-10-23T12:00:00Z | Friday before BST ends                     | 2026-10-26T17:00:00Z
            2026-10-23T23:30:00Z | Friday 23:30 UTC is Saturday 00:30 BST     | 2026-10-27T17:00:00Z
            2026-10-25T00:30:00Z | the hour that happens twice                | 2026-10-27T17:00:00Z
            """)
    void deadlineIsTheEndOfTheFirstWorkingDayAfterReceipt(Instant receivedAt, String when, Instant due) {
        assertThat(CALENDAR.deadlineFor(receivedAt).toInstant()).as(when).isEqualTo(due);
    }

    @Test
    void substituteDaysAreNotWorkingDays() {
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 12, 28))).as("Boxing Day substitute 2026").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2022, 1, 3))).as("New Year's Day substitute 2022").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2027, 12, 28))).as("Boxing Day substitute 2027").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 12, 24))).as("Christmas Eve").isTrue();
    }

    @Test
    void bundledCalendarHasEveryYearFrom2018To2030() {
        for (int year = 2018; year <= 2030; year++) {
            LocalDate summerBankHoliday = LocalDate.of(year, 8, 31);
            while (summerBankHoliday.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
                summerBankHoliday = summerBankHoliday.minusDays(1);
            }
            assertThat(CALENDAR.isWorkingDay(summerBankHoliday)).as("summer bank holiday " + year).isFalse();
        }
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2020, 5, 4))).as("early May moved to VE day in 2020").isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2022, 5, 30))).as("spring holiday moved in 2022").isTrue();
    }

    @Test
    void anAdditionalHolidayFromConfigurationMovesTheDeadline() {
        WorkingDayCalendar withExtraDay = bundledCalendar(Set.of(LocalDate.of(2026, 11, 25)));

        assertThat(withExtraDay.deadlineFor(Instant.parse("2026-11-24T10:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-11-26T17:00:00Z"));
    }

    @ParameterizedTest(name = "{1} working hours before {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25T17:00:00Z | PT4H  | 2026-11-25T13:00:00Z
            2026-11-30T17:00:00Z | PT10H | 2026-11-27T15:00:00Z
            2026-12-29T17:00:00Z | PT9H  | 2026-12-24T16:00:00Z
            2026-03-31T16:00:00Z | PT8H  | 2026-03-31T08:00:00Z
            2026-03-30T16:00:00Z | PT9H  | 2026-03-27T16:00:00Z
            """)
    void atRiskIsCountedInWorkingHoursBeforeTheDeadline(Instant deadline, Duration workingTime, Instant expected) {
        assertThat(CALENDAR.workingTimeBefore(deadline.atZone(LONDON), workingTime)).isEqualTo(expected);
    }
}
