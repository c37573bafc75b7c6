package dev.publicsafety.dal.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns an exception into the one line an operator needs at 3 a.m.: what is wrong and what to do.
 * Connection failures are recognized by their SQLSTATE wherever they are wrapped.
 */
final class Failures {

    private Failures() {
    }

    static String explain(Throwable failure, String target) {
        SQLException sql = find(failure, SQLException.class);
        if (find(failure, UnknownHostException.class) != null) {
            return "cannot connect to " + target + ": unknown host; check the host name in --url / DATABASE_URL";
        }
        if (sql != null && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            String message = firstLine(sql.getMessage());
            switch (state) {
                case "08001", "08004", "08006" -> {
                    String why = find(failure, ConnectException.class) != null ? "connection refused" : message;
                    return "cannot connect to " + target + ": " + why
                            + "; is PostgreSQL running there and are host and port right?";
                }
                case "57P01", "57P02", "57P03" -> {
                    return "lost the connection to " + target + ": " + message + " (SQLSTATE " + state
                            + "); the server is shutting down or restarting, run the command again once it is back";
                }
                case "28P01" -> {
                    return "cannot connect to " + target + ": password authentication failed; check the user and password";
                }
                case "28000" -> {
                    return "cannot connect to " + target + ": " + message + "; check the user name and the server's pg_hba.conf";
                }
                case "3D000" -> {
                    return "cannot connect to " + target + ": " + message + "; create it (createdb) or fix the database name";
                }
                default -> {
                    return message + " (SQLSTATE " + state + ")";
                }
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : firstLine(message);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
