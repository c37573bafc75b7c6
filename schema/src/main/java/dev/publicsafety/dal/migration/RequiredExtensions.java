package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The extensions that pending migrations create and the connected role may not: checked before the
 * first migration runs, so a database owner that is not a superuser learns in one line what a
 * superuser must run first, instead of a migration failing half way with "permission denied".
 */
final class RequiredExtensions {

    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "(?im)^\\s*CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?(?:\\s+(?:WITH\\s+)?SCHEMA\\s+\"?(\\w+)\"?)?");

    /** Whether the connected role may create an extension, and whether the server has it at all. */
    private static final String CAN_CREATE = """
            SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ?)
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                OR (coalesce((SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = ?), false)
                    AND has_database_privilege(current_database(), 'CREATE')),
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = ?),
                   current_database()""";

    private RequiredExtensions() {
    }

    /** Throws naming each extension {@code pending} would fail to create, with the statement that provides it. */
    static void check(DataSource dataSource, Domain domain, MigrationInfo[] pending, ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(CAN_CREATE)) {
            for (MigrationInfo migration : pending) {
                Matcher created = CREATE_EXTENSION.matcher(DomainFiles.migration(domain, migration.getScript(), classLoader).orElse(""));
                while (created.find()) {
                    String extension = created.group(1);
                    String schema = created.group(2);
                    query.setString(1, extension);
                    query.setString(2, extension);
                    query.setString(3, extension);
                    try (ResultSet rs = query.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            missing.add(explain(domain, migration, extension, schema, rs.getBoolean(2), rs.getString(3)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot check the extensions " + domain.schema() + " needs: " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new MigrationException(String.join("; ", missing));
        }
    }

    private static String explain(Domain domain, MigrationInfo migration, String extension, String schema,
                                  boolean available, String database) {
        String where = domain.schema() + " V" + migration.getVersion() + " creates extension " + extension;
        if (!available) {
            return where + ", which this server does not have: install it on the server (PostgreSQL's contrib package),"
                    + " then migrate again";
        }
        return where + ", which only a superuser may create: have one run `CREATE EXTENSION IF NOT EXISTS " + extension
                + (schema == null ? "" : " SCHEMA " + schema) + " CASCADE;` in database " + database
                + ", then run dal migrate again; nothing was applied";
    }
}
