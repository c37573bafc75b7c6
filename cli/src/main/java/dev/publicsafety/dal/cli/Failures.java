package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.connect.OneLine;
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

    /** One line, with every control character a value it echoes might hold (a newline, ESC) escaped. */
    static String explain(Throwable failure, String target) {
        return OneLine.escape(reason(failure, target));
    }

    private static String reason(Throwable failure, String target) {
        if (failure instanceof DatabaseBehindTheCode behind) {
            return behind.getMessage(); // already one line, with the fix
        }
        SQLException sql = find(failure, SQLException.class);
        if (find(failure, UnknownHostException.class) != null) {
            return "cannot connect to " + target + ": unknown host; check the host name in --url / DATABASE_URL";
        }
        if (sql != null && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            String message = primaryMessage(sql);
            switch (state) {
                case "08001", "08004", "08006", "08P01" -> {
                    return "cannot connect to " + target + ": " + connectionHint(failure, message);
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
                case "42501" -> {
                    return message + " (SQLSTATE 42501): this command needs the rights of the schema owner (the role that"
                            + " ran dal migrate); run it with the owner's --url";
                }
                case "3D000" -> {
                    return "cannot connect to " + target + ": " + message + "; create it (createdb) or fix the database name";
                }
                default -> {
                    // A library that wrapped the driver's error in its own words (the seeder, adopt,
                    // a lock timeout naming its holders) already said what to do: keep its line.
                    String own = failure.getMessage();
                    return own != null && !own.contains(message) ? firstLine(own) : message + " (SQLSTATE " + state + ")";
                }
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : firstLine(message);
    }

    /** Why a connection failed, told by the driver's message and cause, with what to do about it. */
    private static String connectionHint(Throwable failure, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (find(failure, ConnectException.class) != null) {
            return "connection refused; is PostgreSQL running there and are host and port right?";
        }
        if (lower.contains("no password was provided")) {
            return "the server asks for a password and the URL has none;"
                    + " add it (postgresql://user:password@host/db)";
        }
        if (lower.contains("does not support ssl")) {
            return "the server does not accept SSL but the URL requires it (sslmode=require or ssl=require);"
                    + " drop that parameter or enable ssl on the server";
        }
        if (lower.contains("timed out") || find(failure, java.net.SocketTimeoutException.class) != null) {
            return "did not answer within " + DatabaseUrl.CONNECT_TIMEOUT_SECONDS + " s; a firewall dropping packets,"
                    + " or something on that port that is not PostgreSQL?";
        }
        if (find(failure, java.io.EOFException.class) != null || lower.contains("protocol")
                || lower.contains("ssl connection") || lower.contains("the connection attempt failed")) {
            return "what answers on that port is not a PostgreSQL server (another service, such as Redis or HTTP?);"
                    + " check the port in --url / DATABASE_URL";
        }
        return message + "; is PostgreSQL running there and are host and port right?";
    }

    /**
     * The server's own sentence without its Detail/Where lines; a value it quotes (a database name
     * holding a newline) stays whole, escaped later, instead of being cut at its first line.
     */
    private static String primaryMessage(SQLException sql) {
        if (sql instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        return firstLine(String.valueOf(sql.getMessage()));
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
