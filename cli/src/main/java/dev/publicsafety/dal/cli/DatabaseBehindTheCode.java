package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A command failed on a table, column, type or function the database does not have yet, while
 * this build has migrations the database lacks: the fix is {@code dal migrate}, said in one line
 * instead of the driver's "column … does not exist".
 */
final class DatabaseBehindTheCode extends RuntimeException {

    /** undefined_column, undefined_table, undefined_function, undefined_object. */
    private static final Set<String> MISSING_OBJECT = Set.of("42703", "42P01", "42883", "42704");

    private DatabaseBehindTheCode(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code failure} explained as a database behind the code, or {@code failure} itself if it is not that. */
    static Exception explain(Exception failure, DataSource dataSource, List<Domain> domains) {
        SQLException missing = null;
        for (Throwable cause = failure; cause != null && missing == null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && MISSING_OBJECT.contains(sql.getSQLState())) {
                missing = sql;
            }
        }
        if (missing == null) {
            return failure;
        }
        List<String> behind = new ArrayList<>();
        try {
            MigrationRunner runner = new MigrationRunner(dataSource);
            for (Domain domain : domains) {
                List<AppliedMigration> migrations = runner.info(domain);
                long pending = migrations.stream().filter(m -> "Pending".equals(m.state())).count();
                if (pending > 0) {
                    behind.add(domain.schema() + " is at version " + runner.currentVersionOrBase(domain) + ", this build's head is "
                            + migrations.get(migrations.size() - 1).version());
                }
            }
        } catch (RuntimeException unreadable) {
            return failure; // the history cannot be read: keep the original error
        }
        if (behind.isEmpty()) {
            return failure;
        }
        String what = missing.getMessage() == null ? "" : missing.getMessage().strip().lines().findFirst().orElse("");
        return new DatabaseBehindTheCode("the database is behind this code (" + String.join(", ", behind) + "): " + what
                + "; run dal migrate first", failure);
    }
}
