package dev.publicsafety.dal.reliability;

import dev.publicsafety.dal.error.NotFoundException;
import java.sql.SQLException;
import java.util.Set;

/** What became of one cross-tenant attempt. */
enum Outcome {

    /** A read returned another organization's row: isolation failed. */
    LEAKED,
    /** A write changed or created a row: isolation failed. */
    WRITTEN,
    /** A read found nothing, or a write matched no row. */
    NOTHING,
    /** The repository did not find the row in this organization ({@link NotFoundException}). */
    NOT_FOUND,
    /** Row-level security refused the row (SQLSTATE 42501, "row-level security"). */
    ROW_LEVEL_SECURITY,
    /** A composite foreign key (or the crew members trigger) refused the reference (SQLSTATE 23503). */
    FOREIGN_KEY,
    /** The id is taken (SQLSTATE 23505). */
    DUPLICATE_KEY,
    /**
     * The write created a row of the caller's own organization and touched no other: keys are
     * (org_id, id) since fleet V5, so the same id may name a row in each organization.
     */
    OWN_ROW_ONLY,
    /** {@code dal.org_id} is not a UUID (SQLSTATE 22P02): every tenant table refuses to be read. */
    INVALID_ORGANIZATION_SETTING,
    /** Anything else: a wrong reason, counted as a failure of the test. */
    UNEXPECTED;

    static final Set<Outcome> SUCCESSES = Set.of(LEAKED, WRITTEN);

    /** Why {@code failure} refused an attempt. */
    static Outcome of(Throwable failure) {
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "42501":
                        return String.valueOf(sql.getMessage()).contains("row-level security") ? ROW_LEVEL_SECURITY : UNEXPECTED;
                    case "23503":
                        return FOREIGN_KEY;
                    case "23505":
                        return DUPLICATE_KEY;
                    case "22P02":
                        return INVALID_ORGANIZATION_SETTING;
                    default:
                        return UNEXPECTED;
                }
            }
        }
        return UNEXPECTED;
    }
}
