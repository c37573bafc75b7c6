package dev.publicsafety.dal.migration.lint;

/**
 * What {@code dal lint} looks for in a migration that runs against a live system: each rule with
 * why it hurts and the safe rewrite. squawk and strong_migrations are the references.
 */
public enum LintRule {
    NOT_NULL_WITHOUT_DEFAULT("not-null-without-default",
            "a NOT NULL column without a default fails on a table that has rows",
            "add it nullable, backfill it, then add CHECK (c IS NOT NULL) NOT VALID, VALIDATE it, and SET NOT NULL"),
    SET_NOT_NULL("set-not-null",
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes",
            "ADD CONSTRAINT … CHECK (c IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (no exclusive lock), then SET NOT NULL,"
                    + " which uses the validated check and skips the scan"),
    INDEX_WITHOUT_CONCURRENTLY("index-without-concurrently",
            "CREATE INDEX or DROP INDEX without CONCURRENTLY blocks writes to the table for the whole build",
            "CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY, alone in its migration (it cannot run in a transaction)"),
    CONSTRAINT_WITHOUT_NOT_VALID("constraint-without-not-valid",
            "a FOREIGN KEY or CHECK added directly is validated under a lock that blocks writes (both tables, for a foreign key)",
            "ADD CONSTRAINT … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a later statement or migration"),
    UNIQUE_CONSTRAINT("unique-constraint",
            "ADD UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock",
            "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)"),
    TYPE_CHANGE("type-change",
            "changing a column's type rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock",
            "add a column of the new type, backfill it in batches, switch the code to it, then drop the old one"),
    RENAME("rename",
            "renaming a column or table breaks the application version still running, which uses the old name",
            "add the new column (or a view with the new name), write both, move the code, then drop the old one in a later release"),
    DROP("drop",
            "dropping a column or table breaks the version still running and loses its data",
            "stop using it in a release first, back it up, then drop it in a later migration"),
    VOLATILE_DEFAULT("volatile-default",
            "a column added with a volatile default (random(), gen_random_uuid(), clock_timestamp()) rewrites the table under lock",
            "add the column without a default, SET DEFAULT in a second statement, and backfill existing rows in batches"),
    ENUM_VALUE_USED_IN_TRANSACTION("enum-value-used-in-transaction",
            "an enum value added by ALTER TYPE … ADD VALUE cannot be used in the same transaction: the migration fails",
            "add the value in a migration of its own, and use it from the next one"),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout",
            "a migration that waits for a lock queues every later query on that table behind it",
            "start the file with SET lock_timeout = '5s'; and retry the migration if it times out");

    private final String id;
    private final String why;
    private final String safe;

    LintRule(String id, String why, String safe) {
        this.id = id;
        this.why = why;
        this.safe = safe;
    }

    /** The name used in output and in {@code -- dal:allow <rule> <reason>}. */
    public String id() {
        return id;
    }

    /** Why the pattern hurts a running system. */
    public String why() {
        return why;
    }

    /** The rewrite that does the same safely. */
    public String safe() {
        return safe;
    }

    /** The rule named {@code id}, or null. */
    public static LintRule byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
