package dev.publicsafety.dal.migration.lint;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relation a migration statement works on and the lock it holds there until the migration's
 * transaction ends, from the statement's kind (PostgreSQL, "Explicit Locking" and ALTER TABLE):
 * <pre>
 * CREATE INDEX                              SHARE                    (blocks writes, not reads)
 * CREATE INDEX CONCURRENTLY                 SHARE UPDATE EXCLUSIVE   (blocks neither)
 * DROP INDEX                                ACCESS EXCLUSIVE         (on the index's table: blocks reads and writes)
 * DROP INDEX CONCURRENTLY                   SHARE UPDATE EXCLUSIVE
 * ALTER TABLE … ADD … FOREIGN KEY, alone    SHARE ROW EXCLUSIVE      (on the referenced table too: blocks writes)
 * ALTER TABLE … VALIDATE CONSTRAINT, alone  SHARE UPDATE EXCLUSIVE
 * any other ALTER TABLE (SET NOT NULL, ADD COLUMN, ADD CHECK or UNIQUE, TYPE, RENAME, DROP …)
 *                                           ACCESS EXCLUSIVE         (the strictest of its actions)
 * DROP TABLE                                ACCESS EXCLUSIVE
 * </pre>
 * Other statements (CREATE TABLE, ALTER TYPE, SET …) hold no lock on a table the application uses.
 *
 * @param relation the table, or for DROP INDEX the index, as the statement names it
 * @param index whether {@code relation} is an index (its table holds the lock)
 * @param mode the lock mode, as {@code pg_locks} names it without "Lock"
 */
public record StatementLock(String relation, boolean index, String mode) {

    private static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";
    private static final String SHARE_UPDATE_EXCLUSIVE = "SHARE UPDATE EXCLUSIVE";
    private static final Pattern OTHER_ACTION = Pattern.compile(", (?:add|alter|drop|rename|validate|set|reset|enable|disable|owner|inherit|cluster|replica|attach|detach)\\b");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^add (?:constraint \\S+ )?foreign key\\b");
    private static final Pattern VALIDATE = Pattern.compile("^validate constraint \\S+;?$");

    /** The lock {@code normalized} (a statement as {@link MigrationLinter} reads it: one line, lower case) takes, if any. */
    public static Optional<StatementLock> of(String normalized) {
        Matcher m;
        if ((m = MigrationLinter.CREATE_INDEX.matcher(normalized)).find()) {
            return Optional.of(new StatementLock(m.group(3), false, m.group(1) == null ? "SHARE" : SHARE_UPDATE_EXCLUSIVE));
        }
        if ((m = MigrationLinter.DROP_INDEX.matcher(normalized)).find()) {
            return Optional.of(new StatementLock(MigrationLinter.droppedIndex(normalized, m), true,
                    m.group(1) == null ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE));
        }
        if ((m = MigrationLinter.DROP_TABLE.matcher(normalized)).find()) {
            return Optional.of(new StatementLock(m.group(1), false, ACCESS_EXCLUSIVE));
        }
        if ((m = MigrationLinter.ALTER_TABLE.matcher(normalized)).find()) {
            String actions = m.group(2);
            String mode = OTHER_ACTION.matcher(actions).find() ? ACCESS_EXCLUSIVE
                    : FOREIGN_KEY.matcher(actions).find() ? "SHARE ROW EXCLUSIVE, and on the referenced table"
                    : VALIDATE.matcher(actions).find() ? SHARE_UPDATE_EXCLUSIVE
                    : ACCESS_EXCLUSIVE;
            return Optional.of(new StatementLock(m.group(1), false, mode));
        }
        return Optional.empty();
    }
}
