package uk.mash.notify.calendar;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The public bank-holidays feed (https://www.gov.uk/bank-holidays.json): an object of divisions of the UK
 * ({@code england-and-wales}, {@code scotland}, {@code northern-ireland}), each with its bank holidays.
 */
final class BankHolidayFeed {

    private BankHolidayFeed() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Division(String division, List<Event> events) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String title, LocalDate date, String notes, boolean bunting) {
    }
}
