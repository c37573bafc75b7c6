package dev.publicsafety.dal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.testing.TestDatabases;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The fixture's year is an input: by default it ends at the start of the current hour, so its
 * newest traffic lands in the months the application keeps partitions for; a fixed clock pins it.
 */
class YearOfTrafficTest {

    @Test
    void shouldEndTheYearAtTheStartOfTheClocksHourAndListEveryMonthItTouches() {
        Clock pinned = Clock.fixed(OffsetDateTime.parse("2026-12-07T01:40:12Z").toInstant(), ZoneOffset.UTC);
        YearOfTraffic.Year year = YearOfTraffic.Year.endingAt(pinned);

        assertEquals(OffsetDateTime.parse("2026-12-07T01:00:00Z"), year.end());
        assertEquals(OffsetDateTime.parse("2025-12-07T01:00:00Z"), year.start());
        assertEquals(year, YearOfTraffic.Year.endingAt(pinned), "pinned: the same year every run");
        List<OffsetDateTime> months = year.months();
        assertEquals(13, months.size(), "December 2025 and December 2026 partly, the eleven months between whole");
        assertEquals(OffsetDateTime.parse("2025-12-01T00:00:00Z"), months.get(0));
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00:00Z"), months.get(12));

        YearOfTraffic.Year leap = YearOfTraffic.Year.endingAt(OffsetDateTime.parse("2028-03-01T00:00:00Z"));
        assertEquals(OffsetDateTime.parse("2027-03-02T00:00:00Z"), leap.start(), "365 days, whatever the calendar year");
        assertEquals(12, leap.months().size());
        assertEquals(0, leap.hourOf(leap.start().minusDays(3)));
        assertEquals(YearOfTraffic.HOURS, leap.hourOf(leap.end().plusDays(3)));
        assertThrows(IllegalArgumentException.class, () -> new YearOfTraffic.Year(leap.start().plusMinutes(30), leap.end().plusMinutes(30)));
    }

    @Test
    void shouldLoadTheYearEndingNowIntoTheMonthsThePartitionsCover() throws Exception {
        String name = "dal_t_year_of_traffic_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        TestDatabase db = TestDatabases.shared().create(name, true);
        try {
            YearOfTraffic.Year year = YearOfTraffic.Year.endingAt(Clock.systemUTC());
            YearOfTraffic.Loaded loaded = YearOfTraffic.load(db.dataSource(), new FleetDatabase(db.dataSource()), year, "year",
                    20_000, 2, 2);

            assertEquals(20_000, db.count("SELECT count(*) FROM fleet.transmissions"));
            assertEquals(0, db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at < '" + year.start()
                    + "' OR started_at >= '" + year.end() + "'"), "every transmission inside the year");
            assertTrue(db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at >= '" + year.end().minusHours(1) + "'") > 0,
                    "traffic in the last hour before now");
            assertEquals(0, db.count("SELECT count(*) FROM fleet.transmissions_default"), "no row past the months kept ahead");
            OffsetDateTime month = year.end().minusHours(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            assertTrue(db.count("SELECT count(*) FROM fleet.transmissions_" + String.format("%04d_%02d", month.getYear(),
                    month.getMonthValue())) > 0, "the newest traffic is in its month's partition");
            assertTrue(db.count("SELECT count(*) FROM fleet.transmission_mentions") >= 2 * 20_000, "a unit and an address each");
            assertEquals(2, loaded.organizations().size());
        } finally {
            TestDatabases.shared().drop(name);
        }
    }
}
