package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Who holds locks on a domain's tables, for the one line that says why a command gave up waiting. */
final class LockHolders {

    private LockHolders() {
    }

    /** "pid 123 (user app, application 'api', idle in transaction for 42 s)", comma-separated; empty if none is visible. */
    static String of(DataSource dataSource, List<Domain> domains) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT a.pid, a.usename, a.application_name, a.state,
                            coalesce(extract(epoch FROM now() - a.xact_start)::bigint, 0)
                       FROM pg_stat_activity a
                      WHERE a.pid <> pg_backend_pid()
                        AND EXISTS (SELECT 1 FROM pg_locks l
                                      JOIN pg_class c ON c.oid = l.relation
                                      JOIN pg_namespace n ON n.oid = c.relnamespace
                                     WHERE l.pid = a.pid AND l.granted AND n.nspname = ANY (?))
                      ORDER BY a.xact_start LIMIT 3""")) {
            query.setArray(1, connection.createArrayOf("text", domains.stream().map(Domain::schema).toArray()));
            List<String> holders = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    holders.add("pid " + rs.getInt(1) + " (user " + rs.getString(2) + ", application '" + rs.getString(3)
                            + "', " + rs.getString(4) + " for " + rs.getLong(5) + " s)");
                }
            }
            return String.join(", ", holders);
        } catch (SQLException unavailable) {
            return "";
        }
    }
}
