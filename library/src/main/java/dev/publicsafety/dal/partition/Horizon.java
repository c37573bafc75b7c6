package dev.publicsafety.dal.partition;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * How far ahead one partitioned table has months (fleet V8): rows dated at or after
 * {@code coveredUntil} go to its default partition, which holds {@code defaultRows} rows now
 * (counted up to a million), dated from {@code defaultFirst} to {@code defaultLast}. Rows there are
 * kept and read like any other; creating their month moves them into it.
 */
public record Horizon(PartitionedTable table, OffsetDateTime coveredUntil, long defaultRows,
                      Optional<OffsetDateTime> defaultFirst, Optional<OffsetDateTime> defaultLast) {

    /** Below this, {@code dal doctor} and the health indicator warn. */
    public static final Duration WARNING = Duration.ofDays(30);

    /** The command that moves the horizon (and empties the default partition of rows whose month comes). */
    public static final String FIX = "dal partitions create";

    /** Time left at {@code now} before rows stop landing in monthly partitions (negative once passed). */
    public Duration ahead(Instant now) {
        return Duration.between(now, coveredUntil.toInstant());
    }

    /** True when less than {@link #WARNING} is left at {@code now}. */
    public boolean isShort(Instant now) {
        return ahead(now).compareTo(WARNING) < 0;
    }

    /**
     * One line for a person: how far the months reach, what the default partition holds, and at
     * {@code now}, when short, the warning with the command that fixes it.
     */
    public String describe(Instant now) {
        long days = ahead(now).toDays();
        String line = table + ": monthly partitions until " + coveredUntil + " (" + days + " days ahead)"
                + (defaultRows == 0 ? "; default partition empty"
                        : "; default partition holds " + defaultRows + " rows dated " + defaultFirst.orElseThrow() + " to "
                                + defaultLast.orElseThrow());
        return isShort(now) ? line + "; WARNING: less than " + WARNING.toDays() + " days ahead, later rows land in the default"
                + " partition: run '" + FIX + "' (or let the application's FleetDatabase run, which keeps three months ahead)" : line;
    }
}
