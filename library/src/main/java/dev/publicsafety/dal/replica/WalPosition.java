package dev.publicsafety.dal.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the primary's write-ahead log (a PostgreSQL {@code pg_lsn}): the read-your-writes
 * token. A write hands it out ({@link Committed#position()}); a read that presents it runs on the
 * replica only once the replica has replayed that far. Its text form ({@code 16/B374D848}, as
 * PostgreSQL prints it) survives a trip through a cookie or a session store; {@link #parse} reads it back.
 *
 * @param value the 64-bit unsigned byte position
 */
public record WalPosition(long value) implements Comparable<WalPosition> {

    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    /** Reads PostgreSQL's text form, {@code 16/B374D848}. */
    public static WalPosition parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("WAL position: expected two hex numbers like 16/B374D848, got " + text);
        }
        return new WalPosition(Long.parseLong(matcher.group(1), 16) << 32 | Long.parseLong(matcher.group(2), 16));
    }

    /**
     * The end of the WAL inserted so far on {@code primary}, read after the transaction to track has
     * committed on that connection. After the commit, not before: the rows of a transaction become
     * visible on a standby only when it replays the commit record, which is written by COMMIT itself,
     * so any position taken inside the transaction lies before it. The insert position rather than
     * {@code pg_current_wal_lsn()} (the write position): with {@code synchronous_commit = off} the
     * commit record may still sit in WAL buffers, past the write position, when COMMIT returns.
     */
    public static WalPosition afterCommit(Connection primary) throws SQLException {
        boolean autoCommit = primary.getAutoCommit();
        try (Statement statement = primary.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
            row.next();
            return parse(row.getString(1));
        } finally {
            if (!autoCommit) {
                primary.commit(); // the query opened a transaction of its own: end it
            }
        }
    }

    public boolean isAtOrAfter(WalPosition other) {
        return compareTo(other) >= 0;
    }

    /** Bytes from {@code earlier} to this position, 0 if {@code earlier} is not earlier. */
    public long bytesAfter(WalPosition earlier) {
        return isAtOrAfter(earlier) ? value - earlier.value : 0;
    }

    @Override
    public int compareTo(WalPosition other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
