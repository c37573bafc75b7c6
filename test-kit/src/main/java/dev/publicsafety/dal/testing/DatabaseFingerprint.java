package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Everything a test can observe of the data layer's schemas: their catalog and an md5 of every
 * table's rows (history tables included). Equal fingerprints before and after an operation mean it
 * left the database as it was.
 */
public final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    /** The fingerprint of both domains' schemas. */
    public static List<String> of(DataSource dataSource) {
        return of(dataSource, java.util.Arrays.stream(Domain.values()).map(Domain::schema).toArray(String[]::new));
    }

    /** The fingerprint of {@code schemas}: their catalogs and every row of their tables. */
    public static List<String> of(DataSource dataSource, String... schemas) {
        List<String> lines = new ArrayList<>();
        for (String schema : schemas) {
            lines.addAll(CatalogSnapshot.of(dataSource, schema));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (java.sql.PreparedStatement query = connection.prepareStatement(
                    "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
                            + " FROM pg_tables WHERE schemaname = ANY (?) ORDER BY 1")) {
                query.setArray(1, connection.createArrayOf("text", schemas));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM " + table + " t")) {
                    rs.next();
                    lines.add("rows " + table + " " + rs.getLong(1) + " " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fingerprint the database: " + e.getMessage(), e);
        }
        return lines;
    }
}
