package uk.mash.notify.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working days in England and Wales: Monday to Friday except bank holidays, in Europe/London time. The deadline to
 * tell a referrer is the end of the first working day after the day of receipt ("within one working day", seed 003);
 * a referral received on a weekend or bank holiday counts as received on the next working day. See
 * docs/working-days.md.
 */
public final class WorkingDayCalendar {

    private final Set<LocalDate> holidays;
    private final LocalDate coveredUntil;
    private final ZoneId zone;
    private final LocalTime dayStarts;
    private final LocalTime dayEnds;

    /**
     * @param holidays non-working weekdays
     * @param coveredUntil the last date the holiday data speaks for; later dates know only weekends
     * @param zone the zone days are counted in
     * @param dayStarts start of a working day, for counting working hours
     * @param dayEnds end of a working day, when a deadline falls
     */
    public WorkingDayCalendar(Set<LocalDate> holidays, LocalDate coveredUntil, ZoneId zone, LocalTime dayStarts,
            LocalTime dayEnds) {
        if (!dayStarts.isBefore(dayEnds)) {
            throw new IllegalArgumentException("A working day must start before it ends: " + dayStarts + "-" + dayEnds);
        }
        this.holidays = Set.copyOf(holidays);
        this.coveredUntil = coveredUntil;
        this.zone = zone;
        this.dayStarts = dayStarts;
        this.dayEnds = dayEnds;
    }

    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(date);
    }

    public LocalDate firstWorkingDayAfter(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The end of the first working day after the (working) day of receipt. */
    public ZonedDateTime deadlineFor(Instant receivedAt) {
        LocalDate received = receivedAt.atZone(zone).toLocalDate();
        LocalDate countedFrom = isWorkingDay(received) ? received : firstWorkingDayAfter(received);
        return ZonedDateTime.of(firstWorkingDayAfter(countedFrom), dayEnds, zone);
    }

    /**
     * The moment that lies the given working time (hours within working days) before the deadline, e.g. four
     * working hours before the end of a working day is 13:00 the same day.
     */
    public Instant workingTimeBefore(ZonedDateTime deadline, Duration workingTime) {
        Duration remaining = workingTime;
        ZonedDateTime cursor = deadline.withZoneSameInstant(zone);
        while (true) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime start = ZonedDateTime.of(day, dayStarts, zone);
                ZonedDateTime end = ZonedDateTime.of(day, dayEnds, zone);
                ZonedDateTime until = cursor.isBefore(end) ? cursor : end;
                Duration available = until.isAfter(start) ? Duration.between(start, until) : Duration.ZERO;
                if (remaining.compareTo(available) <= 0) {
                    return until.minus(remaining).toInstant();
                }
                remaining = remaining.minus(available);
            }
            cursor = ZonedDateTime.of(day.minusDays(1), dayEnds, zone);
        }
    }

    public LocalDate coveredUntil() {
        return coveredUntil;
    }

    public ZoneId zone() {
        return zone;
    }
}
