package dev.publicsafety.dal.partition;

/** The fleet tables partitioned by month (fleet V6), with the column that picks the month. */
public enum PartitionedTable {
    TRANSMISSIONS("transmissions", "started_at"),
    AUDIT_LOGS("audit_logs", "occurred_at");

    private final String table;
    private final String key;

    PartitionedTable(String table, String key) {
        this.table = table;
        this.key = key;
    }

    /** The parent's name in schema fleet. */
    public String table() {
        return table;
    }

    /** The timestamp column partitions are ranged on. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "fleet." + table;
    }
}
