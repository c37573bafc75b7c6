package dev.publicsafety.dal.partition;

/** One thing retention does to one partition. */
public record RetentionStep(Action action, Partition partition) {

    public enum Action {
        /** Detach a transmissions partition and drop it with its rows and their mention rows (not their audit rows). */
        DETACH_AND_DROP,
        /** Detach an audit partition into schema fleet_detached, rows kept, still append-only. */
        DETACH,
        /**
         * Drop a partition detached earlier: an audit month (needs its own consent), or a transmissions
         * month whose drop failed in an earlier run.
         */
        DROP_DETACHED
    }

    /** One line for a person: what happens, to which partition, with how many rows. */
    public String describe() {
        String rows = partition.estimatedRows() < 0 ? "rows not yet counted" : "~" + partition.estimatedRows() + " rows";
        return switch (action) {
            case DETACH_AND_DROP -> "detach and drop " + partition.qualifiedName() + " (" + rows + ", before " + partition.to()
                    + "; their mention rows go too, their audit rows stay)";
            case DETACH -> "detach " + partition.qualifiedName() + " into " + PartitionMaintenance.DETACHED_SCHEMA
                    + " (" + rows + ", before " + partition.to() + "; kept, append-only)";
            case DROP_DETACHED -> "drop detached " + (partition.table() == PartitionedTable.AUDIT_LOGS ? "audit" : "transmissions")
                    + " partition " + partition.qualifiedName() + " (" + rows + ", before "
                    + partition.to() + ")";
        };
    }
}
