package dev.publicsafety.dal.partition;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One partition of a {@link PartitionedTable}: {@code from <= key < to}, {@code from} empty for the
 * partition that takes everything older ({@code <table>_before_YYYY_MM}). Rows are the planner's
 * estimate (what the last ANALYZE or autovacuum counted; -1 if never counted), bytes the table with
 * its indexes and TOAST. {@code schema} is {@code fleet} while attached, {@code fleet_detached} after
 * retention detached it (audit logs; a transmissions month only until retention drops it, in a second
 * transaction).
 */
public record Partition(PartitionedTable table, String schema, String name, Optional<OffsetDateTime> from, OffsetDateTime to,
                        long estimatedRows, long bytes) {

    /** Whether it is still part of its table. */
    public boolean attached() {
        return PartitionMaintenance.SCHEMA.equals(schema);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
