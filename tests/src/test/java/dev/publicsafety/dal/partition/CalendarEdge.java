package dev.publicsafety.dal.partition;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Instants on the edges of the calendar, half an hour before midnight UTC, chosen from a starting
 * point (today, in the tests) so that a test means the same whatever day it runs.
 */
enum CalendarEdge {
    /** The last day of a month. */
    LAST_DAY_OF_A_MONTH {
        @Override
        LocalDate dayAfter(LocalDate start) {
            return start.with(TemporalAdjusters.lastDayOfMonth());
        }
    },
    /** 31 December. */
    NEW_YEARS_EVE {
        @Override
        LocalDate dayAfter(LocalDate start) {
            return LocalDate.of(start.getYear(), 12, 31);
        }
    },
    /** 29 February of a leap year. */
    LEAP_DAY {
        @Override
        LocalDate dayAfter(LocalDate start) {
            int year = start.isAfter(LocalDate.of(start.getYear(), 2, 28)) ? start.getYear() + 1 : start.getYear();
            while (!Year.isLeap(year)) {
                year++;
            }
            return LocalDate.of(year, 2, 29);
        }
    };

    /** The first such day on or after {@code start}. */
    abstract LocalDate dayAfter(LocalDate start);

    /** 23:30 UTC on the first such day at least {@code months} months after {@code now}. */
    OffsetDateTime instantAfter(Clock now, int months) {
        LocalDate day = dayAfter(LocalDate.now(now.withZone(ZoneOffset.UTC)).plusMonths(months));
        return day.atTime(23, 30).atOffset(ZoneOffset.UTC);
    }
}
