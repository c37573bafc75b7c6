package dev.publicsafety.dal.reliability;

import java.sql.SQLException;
import java.util.List;
import org.jooq.exception.DataAccessException;

/**
 * Whether an error shown for some input gives away the SQL behind it: a database or jOOQ
 * exception anywhere in its causes, or text only PostgreSQL and jOOQ produce (the statement,
 * "ERROR:", positions, details). Validation errors may quote the input; they may not quote SQL.
 */
final class ErrorLeak {

    private static final List<String> MARKERS = List.of("SQL [", "ERROR:", "Position:", "Detail:", "Where:", "Hint:",
            "org.postgresql", "org.jooq", "syntax error at or near", "PSQLException", "SQLState");

    private ErrorLeak() {
    }

    /** What gives the SQL away, or {@code null} if nothing does. {@code input} is removed from messages first. */
    static String of(Throwable error, String input) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException) {
                return "a database error reached the caller: " + t;
            }
            String message = t.getMessage() == null ? "" : input.isEmpty() ? t.getMessage() : t.getMessage().replace(input, "");
            for (String marker : MARKERS) {
                if (message.contains(marker)) {
                    return "the message contains '" + marker + "': " + t.getMessage();
                }
            }
        }
        return null;
    }
}
