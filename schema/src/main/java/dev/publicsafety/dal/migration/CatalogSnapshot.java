package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Everything the catalog knows about one schema, as sorted lines of text: tables and their
 * columns (type, nullability, default, comment), constraints, indexes, triggers, row-level
 * security policies, functions, types with their enum labels, and privileges. Partitions and what
 * belongs to them are left out: which months exist depends on when the schema was migrated and on
 * {@code dal partitions}, not on its version. Two snapshots are
 * equal when the schemas are the same to any query, whatever the order objects were created in.
 */
public final class CatalogSnapshot {

    private static final String QUERY = """
            WITH ns AS (SELECT oid, nspname, nspacl FROM pg_namespace WHERE nspname = ?)
            SELECT 'schema ' || ns.nspname || ' acl=' || coalesce(ns.nspacl::text, '') FROM ns
            UNION ALL
            SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity
                   || ' force_rls=' || c.relforcerowsecurity || ' acl=' || coalesce(c.relacl::text, '')
                   || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')
              FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
            UNION ALL
            SELECT 'column ' || c.relname || '.' || a.attname
                   -- position among live columns: a dropped and re-added column leaves a hole in attnum
                   || ' #' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)
                   || ' ' || format_type(a.atttypid, a.atttypmod)
                   || ' not_null=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                   || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
                   || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN ns ON ns.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
            UNION ALL
            SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                   || ' deferrable=' || con.condeferrable || ' deferred=' || con.condeferred
              FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns ON ns.oid = c.relnamespace
             WHERE NOT c.relispartition
            UNION ALL
            SELECT 'index ' || pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
             WHERE NOT c.relispartition
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace
             WHERE NOT t.tgisinternal AND NOT c.relispartition
            UNION ALL
            SELECT 'policy ' || c.relname || '.' || p.polname || ' cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive
                   || ' roles=' || p.polroles::text || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '')
                   || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
              FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN ns ON ns.oid = c.relnamespace
             WHERE NOT c.relispartition
            UNION ALL
            SELECT 'function ' || pg_get_functiondef(p.oid) || ' acl=' || coalesce(p.proacl::text, '')
                   || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '')
              FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
            UNION ALL
            SELECT 'type ' || t.typname || ' kind=' || t.typtype::text
                   || ' labels=' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                                FROM pg_enum e WHERE e.enumtypid = t.oid), '')
                   || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '')
              FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
             WHERE t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND EXISTS (
                   SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
            ORDER BY 1
            """;

    private CatalogSnapshot() {
    }

    /** The catalog of {@code schema}; empty if the schema does not exist. */
    public static List<String> of(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, schema);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog of " + schema + ": " + e.getMessage(), e);
        }
    }
}
