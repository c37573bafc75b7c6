package dev.publicsafety.dal.faults;

import java.sql.SQLException;

/** One failed attempt at a batch while the server restarts: which batch, the SQLSTATE, and the root cause. */
record FailedAttempt(int batch, String sqlState, String message) {

    static FailedAttempt of(int batch, Throwable e) {
        return new FailedAttempt(batch, sqlState(e), rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The first SQLSTATE in the cause chain, or the exception's class when there is none (a pool timeout). */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }
}
