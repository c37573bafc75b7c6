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

    public static List<String> of(DataSource dataSource) {
        List<String> lines = new ArrayList<>();
        for (Domain domain : Domain.values()) {
            lines.addAll(CatalogSnapshot.of(dataSource, domain.schema()));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
                    + " FROM pg_tables WHERE schemaname IN ('fleet', 'training') ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
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
